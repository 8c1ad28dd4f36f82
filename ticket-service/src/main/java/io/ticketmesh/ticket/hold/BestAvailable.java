package io.ticketmesh.ticket.hold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Picks seats for HoldBestAvailable from the available seats of a showtime. Together: a block of consecutive seats
 * in one row that leaves no single free seat stranded on either side (a gap of exactly one is an orphan nobody
 * buys), holding at least one seat with each wanted feature, and, for a wheelchair space, a companion seat right
 * beside it; blocks nearest the stage first. Not together: the nearest seats that have the wanted features.
 */
final class BestAvailable {
    /** An available seat as the picker needs it. */
    record Seat(UUID id, UUID sectionId, int rowIndex, int position, double stageDistance, Set<String> features) {}

    private BestAvailable() {}

    /** Candidate seat sets, best first (at most {@code limit}). */
    static List<List<UUID>> candidates(List<Seat> available, int quantity, boolean together, Set<String> features, int limit) {
        List<List<UUID>> candidates = new ArrayList<>();
        if (!together) {
            List<Seat> nearest = available.stream().sorted(Comparator.comparingDouble(Seat::stageDistance)).toList();
            List<Seat> chosen = new ArrayList<>();
            for (String feature : features) {
                nearest.stream().filter(s -> s.features().contains(feature) && !chosen.contains(s)).findFirst().ifPresent(chosen::add);
            }
            nearest.stream().filter(s -> !chosen.contains(s)).limit(Math.max(0, quantity - chosen.size())).forEach(chosen::add);
            if (chosen.size() == quantity && features.stream().allMatch(f -> chosen.stream().anyMatch(s -> s.features().contains(f)))) {
                candidates.add(chosen.stream().map(Seat::id).toList());
            }
            return candidates;
        }
        List<Block> blocks = new ArrayList<>();
        for (List<Seat> run : runs(available)) {
            for (int start = 0; start + quantity <= run.size(); start++) {
                int left = start;
                int right = run.size() - start - quantity;
                List<Seat> block = run.subList(start, start + quantity);
                if (left != 1 && right != 1 && suits(block, features)) {
                    blocks.add(new Block(block, block.stream().mapToDouble(Seat::stageDistance).average().orElse(0)));
                }
            }
        }
        blocks.sort(Comparator.comparingDouble(Block::distance));
        blocks.stream().limit(limit).forEach(b -> candidates.add(b.seats().stream().map(Seat::id).toList()));
        return candidates;
    }

    private record Block(List<Seat> seats, double distance) {}

    /** Maximal runs of adjacent available seats, per row. */
    private static List<List<Seat>> runs(List<Seat> available) {
        List<Seat> ordered = available.stream().sorted(Comparator.comparing(Seat::sectionId).thenComparingInt(Seat::rowIndex)
                .thenComparingInt(Seat::position)).toList();
        List<List<Seat>> runs = new ArrayList<>();
        List<Seat> run = new ArrayList<>();
        for (Seat seat : ordered) {
            if (!run.isEmpty()) {
                Seat last = run.getLast();
                if (!last.sectionId().equals(seat.sectionId()) || last.rowIndex() != seat.rowIndex() || last.position() + 1 != seat.position()) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
            }
            run.add(seat);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static boolean suits(List<Seat> block, Set<String> features) {
        for (String feature : features) {
            if (block.stream().noneMatch(s -> s.features().contains(feature))) {
                return false;
            }
        }
        if (features.contains("WHEELCHAIR")) {
            for (int i = 0; i < block.size(); i++) {
                if (block.get(i).features().contains("WHEELCHAIR") && ((i > 0 && block.get(i - 1).features().contains("COMPANION"))
                        || (i + 1 < block.size() && block.get(i + 1).features().contains("COMPANION")))) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
