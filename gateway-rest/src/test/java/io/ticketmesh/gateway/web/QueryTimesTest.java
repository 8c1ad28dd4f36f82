package io.ticketmesh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import org.junit.jupiter.api.Test;

/** Times and periods in query strings, with every parameter that is wrong named at once. */
class QueryTimesTest {
    @Test
    void aPeriodTakesTimesAndDates() {
        QueryTimes.Period period = QueryTimes.period("2026-12-01", "2026-12-01T19:30:00+01:00");
        assertThat(period.from().getSeconds()).isEqualTo(1_796_083_200L);
        assertThat(period.to().getSeconds()).isEqualTo(1_796_149_800L);
    }

    @Test
    void aPeriodMissingBothEndsNamesBoth() {
        assertThatThrownBy(() -> QueryTimes.period("", " ")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("from", "to"));
    }

    @Test
    void aPeriodWithOneEndWrongNamesThatOne() {
        assertThatThrownBy(() -> QueryTimes.period("2026-12-01", "yesterday")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.violations()).singleElement().isEqualTo(new FieldViolation("to", QueryTimes.FORMAT)));
    }

    @Test
    void aSingleTimeIsRequiredByItsName() {
        assertThatThrownBy(() -> QueryTimes.required("from", "")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("from"));
    }
}
