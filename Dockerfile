# One image recipe for every Fairbill service. Packages the jar that Maven built; from the repository root:
#   ./mvnw -B package -DskipTests
#   docker build --build-arg SERVICE=billing-service --build-arg HTTP_PORT=8081 --build-arg MANAGEMENT_PORT=9081 \
#     -t fairbill/billing-service:local .
# SERVICE is the Maven module (billing-service, credit-ledger-service, refund-service, gateway).

FROM eclipse-temurin:25-jre AS layers
ARG SERVICE
WORKDIR /layers
COPY ${SERVICE}/target/${SERVICE}.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
ARG HTTP_PORT
ARG MANAGEMENT_PORT
# curl serves the HEALTHCHECK; the Temurin JRE image ships neither curl nor wget.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 fairbill \
    && useradd --uid 10001 --gid fairbill --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin fairbill
WORKDIR /application
# Least-changing layer first, so a code change rebuilds only the last one.
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# Compact object headers (the same objects in less heap) and the C heap trimmed every 2 s (native memory the JVM freed
# goes back to the system): the local stack and the benchmarks run the services with the same options.
ENV SERVER_PORT=${HTTP_PORT} \
    MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseCompactObjectHeaders -XX:TrimNativeHeapInterval=2000"
EXPOSE ${HTTP_PORT} ${MANAGEMENT_PORT}
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
    CMD curl --fail --silent --output /dev/null "http://127.0.0.1:${MANAGEMENT_SERVER_PORT}/actuator/health/liveness" || exit 1
ENTRYPOINT ["java", "-jar", "application.jar"]
