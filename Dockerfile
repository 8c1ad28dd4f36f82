# syntax=docker/dockerfile:1
# One image per service of the container deployment: docker compose builds this file once per service with
# MODULE naming it. The build stage does not read MODULE, so BuildKit runs it once and every service image reuses it.
# The build needs no services: jOOQ's code generation starts its own throw-away PostgreSQL from a Maven artifact.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre
ARG MODULE
RUN useradd --system --uid 10001 ticketmesh
COPY --from=build /src/${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar /app/service.jar
USER ticketmesh
# the heap follows the container's memory limit; virtual threads need no large thread stacks
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/service.jar"]
