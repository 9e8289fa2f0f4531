# The jar with its routes and mappings, as the project root lays them out (routes/ and mappings/ are read from the
# working directory; mount your own over them to change them without rebuilding).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
COPY routes routes
COPY mappings mappings
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/copilot-port-sync.jar copilot-port-sync.jar
COPY routes routes
COPY mappings mappings
ENV DATA_DIR=/app/data MANAGEMENT_PORT=8080
EXPOSE 8080
# ParallelGC: a sync is a throughput job; on small heaps and few cores G1's concurrent work costs it ~10% (README, Performance)
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-jar", "copilot-port-sync.jar"]
