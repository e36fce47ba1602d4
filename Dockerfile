# One image per service: docker build --build-arg SERVICE=member-svc -t santong/member-svc .
# Expects the jar built first (./santong up or mvn -DskipTests package).
FROM eclipse-temurin:25-jre
ARG SERVICE
WORKDIR /app
COPY ${SERVICE}/target/${SERVICE}.jar /app/service.jar
# The chart runs the pod as 10001 with a read-only root filesystem and /tmp as an emptyDir.
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
