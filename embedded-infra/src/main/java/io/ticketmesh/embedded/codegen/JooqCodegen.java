package io.ticketmesh.embedded.codegen;

import io.ticketmesh.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Build step: migrates a throw-away embedded PostgreSQL with a module's Flyway scripts and generates jOOQ classes
 * from the real schema, so generated names, defaults and partial indexes are exactly what production has.
 *
 * <p>Arguments: {@code <output directory> <java package> <migration directory>...}. Run by exec-maven-plugin in
 * the generate-sources phase of each module with a database.
 */
public final class JooqCodegen {
    private JooqCodegen() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: JooqCodegen <output dir> <package> <migration dir>...");
        }
        Path output = Path.of(args[0]);
        String packageName = args[1];
        // a module without migrations of its own yet still gets the platform's tables
        String[] locations = java.util.Arrays.stream(args, 2, args.length).map(Path::of).filter(java.nio.file.Files::isDirectory)
                .map(dir -> "filesystem:" + dir.toAbsolutePath()).toArray(String[]::new);
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, null)) {
            postgres.ensureDatabase("codegen");
            String url = postgres.jdbcUrl("codegen");
            Flyway.configure().dataSource(url, postgres.username(), "").locations(locations).load().migrate();
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url).withUser(postgres.username()))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withExcludes("flyway_schema_history")
                                    // extensions' functions (citext's regexp_*) are not ours to call through jOOQ
                                    .withIncludeRoutines(false)
                                    // case-insensitive text (emails) reads and writes as String
                                    .withForcedTypes(new ForcedType().withName("VARCHAR").withIncludeTypes("citext"))
                                    .withTableValuedFunctionsAsTables(false))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withFluentSetters(true))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(output.toAbsolutePath().toString())
                                    .withClean(true))));
        }
    }
}
