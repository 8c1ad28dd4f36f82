-- Run once by the postgres container on an empty data volume (docker-entrypoint-initdb.d):
-- one database per service that owns data (ARCHITECTURE.md). Each service migrates its own with Flyway at start.
CREATE DATABASE identity;
CREATE DATABASE event;
CREATE DATABASE ticket;
CREATE DATABASE booking;
CREATE DATABASE payment;
CREATE DATABASE workers;
