# Multi-stage build: Maven builds the server, a slim JRE image runs it as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl server -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system sluice && useradd --system --gid sluice --home-dir /opt/sluice sluice \
    && mkdir -p /data && chown sluice:sluice /data
WORKDIR /opt/sluice
COPY --from=build /src/bin/sluice bin/sluice
COPY --from=build /src/server/target/sluice-server.jar server/target/sluice-server.jar
COPY --from=build /src/server/target/lib server/target/lib
USER sluice
VOLUME ["/data"]
EXPOSE 5433
ENV SLUICE_HOST=0.0.0.0 SLUICE_PORT=5433 SLUICE_DATA_DIR=/data
ENTRYPOINT ["bin/sluice"]
CMD ["server"]
