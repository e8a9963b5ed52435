package io.healthscore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lints and renders helm/ and checks the objects a cluster would get. */
class HelmChartTest {

  static final Path CHART = Path.of("helm");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static List<JsonNode> render(UnaryOperator<TemplateCommand> settings) throws Exception {
    String manifest = settings.apply(new Helm(CHART).template().withName("hs")).call();
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(manifest)) {
      for (var docs = YAML.readValues(parser, JsonNode.class); docs.hasNext(); ) {
        JsonNode object = docs.next();
        if (object != null && object.has("kind")) {
          objects.add(object);
        }
      }
    }
    return objects;
  }

  static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> found =
        objects.stream().filter(o -> o.get("kind").asText().equals(kind)).toList();
    assertEquals(1, found.size(), kind + " objects: " + found.size());
    return found.get(0);
  }

  static boolean has(List<JsonNode> objects, String kind) {
    return objects.stream().anyMatch(o -> o.get("kind").asText().equals(kind));
  }

  /** The values an operator must give beside the defaults: the database passwords. */
  static TemplateCommand withPasswords(TemplateCommand template) {
    return template.set("database.password", "s3cret").set("database.migrationPassword", "0wner");
  }

  @Test
  void lints_cleanly_with_the_values_an_operator_must_give(@TempDir Path copy) throws Exception {
    // helm lint takes no --set here: lint a copy whose values.yaml has the passwords filled in.
    try (var files = java.nio.file.Files.walk(CHART)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(CHART.relativize(source).toString());
        if (java.nio.file.Files.isDirectory(source)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(source, target);
        }
      }
    }
    Path values = copy.resolve("values.yaml");
    java.nio.file.Files.writeString(
        values,
        java.nio.file.Files.readString(values)
            .replace("  password: \"\"", "  password: \"s3cret\"")
            .replace("  migrationPassword: \"\"", "  migrationPassword: \"0wner\""));
    LintResult lint = new Helm(copy).lint().strict().call();
    assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
  }

  @Test
  void refuses_to_render_without_database_passwords() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> render(t -> t));
    assertTrue(e.getMessage().contains("database.password is required"), e.getMessage());
    IllegalStateException owner =
        assertThrows(
            IllegalStateException.class, () -> render(t -> t.set("database.password", "x")));
    assertTrue(
        owner.getMessage().contains("database.migrationPassword is required"), owner.getMessage());
  }

  @Test
  void values_are_checked_against_the_chart_schema() {
    IllegalStateException typo =
        assertThrows(
            IllegalStateException.class, () -> render(t -> withPasswords(t).set("replicas", "3")));
    assertTrue(typo.getMessage().contains("replicas"), typo.getMessage());
    IllegalStateException type =
        assertThrows(
            IllegalStateException.class,
            () -> render(t -> withPasswords(t).set("service.port", "eighty")));
    assertTrue(type.getMessage().contains("port"), type.getMessage());
  }

  @Test
  void the_ingress_routes_the_api_and_never_metrics_or_health() throws Exception {
    JsonNode api = only(render(t -> withPasswords(t).set("ingress.enabled", "true")), "Ingress");
    assertEquals(List.of("/v1"), paths(api));
    JsonNode docs =
        only(
            render(
                t ->
                    withPasswords(t)
                        .set("ingress.enabled", "true")
                        .set("ingress.exposeDocs", "true")),
            "Ingress");
    assertEquals(List.of("/v1", "/q/openapi", "/q/swagger-ui"), paths(docs));
  }

  static List<String> paths(JsonNode ingress) {
    List<String> paths = new ArrayList<>();
    ingress.at("/spec/rules/0/http/paths").forEach(p -> paths.add(p.get("path").asText()));
    return paths;
  }

  @Test
  void renders_an_autoscaled_non_root_deployment_with_probes_and_secret_credentials()
      throws Exception {
    List<JsonNode> objects = render(HelmChartTest::withPasswords);
    JsonNode deployment = only(objects, "Deployment");
    assertFalse(deployment.at("/spec").has("replicas"), "the autoscaler owns the replica count");
    assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt());
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
    assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
    assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
    assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
    // The service calls no Kubernetes API: no token in the pod.
    assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true));
    assertEquals("hs-healthscore", pod.at("/serviceAccountName").asText());
    JsonNode account = only(objects, "ServiceAccount");
    assertFalse(account.at("/automountServiceAccountToken").asBoolean(true));
    assertEquals(185, pod.at("/securityContext/runAsUser").asInt());
    assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
    assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean());
    assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText());
    assertTrue(pod.at("/volumes/0").has("emptyDir"));
    assertEquals("1Gi", container.at("/resources/limits/memory").asText());
    Map<String, JsonNode> env = new java.util.HashMap<>();
    container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
    assertEquals(
        "hs-healthscore",
        env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
    assertEquals(
        "password",
        env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/key").asText());
    assertEquals(
        "migrationUsername",
        env.get("QUARKUS_FLYWAY_USERNAME").at("/valueFrom/secretKeyRef/key").asText());
    assertEquals(
        "bootstrapAdminKey",
        env.get("HEALTHSCORE_BOOTSTRAP_ADMIN_KEY").at("/valueFrom/secretKeyRef/key").asText());
    assertEquals("hs-healthscore", container.at("/envFrom/0/configMapRef/name").asText());

    assertEquals("s3cret", only(objects, "Secret").at("/stringData/password").asText());
    assertEquals(
        "jdbc:postgresql://postgres:5432/healthscore",
        only(objects, "ConfigMap").at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText());
    assertEquals("5s", only(objects, "ConfigMap").at("/data/QUARKUS_SHUTDOWN_DELAY").asText());
    JsonNode hpa = only(objects, "HorizontalPodAutoscaler");
    assertEquals(2, hpa.at("/spec/minReplicas").asInt());
    assertEquals(6, hpa.at("/spec/maxReplicas").asInt());
    assertEquals("hs-healthscore", hpa.at("/spec/scaleTargetRef/name").asText());
    assertEquals(1, only(objects, "PodDisruptionBudget").at("/spec/minAvailable").asInt());
    assertEquals(80, only(objects, "Service").at("/spec/ports/0/port").asInt());
    assertFalse(has(objects, "Ingress"));
    assertFalse(has(objects, "ServiceMonitor"));
  }

  @Test
  void options_switch_objects_on_and_off() throws Exception {
    List<JsonNode> objects =
        render(
            t ->
                t.set("autoscaling.enabled", "false")
                    .set("replicaCount", "3")
                    .set("database.existingSecret", "pg-credentials")
                    .set("ingress.enabled", "true")
                    .set("serviceMonitor.enabled", "true")
                    .set("config.HEALTHSCORE_JOBS_THREADS", "4"));
    JsonNode deployment = only(objects, "Deployment");
    assertEquals(3, deployment.at("/spec/replicas").asInt());
    assertFalse(has(objects, "HorizontalPodAutoscaler"));
    assertFalse(has(objects, "Secret"), "credentials come from the existing Secret");
    assertEquals(
        "pg-credentials",
        deployment
            .at("/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name")
            .asText());
    assertEquals(
        "healthscore.example.com", only(objects, "Ingress").at("/spec/rules/0/host").asText());
    assertEquals(
        "/q/metrics", only(objects, "ServiceMonitor").at("/spec/endpoints/0/path").asText());
    assertEquals("4", only(objects, "ConfigMap").at("/data/HEALTHSCORE_JOBS_THREADS").asText());
  }

  @Test
  void refuses_to_render_without_a_database_url() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> render(t -> withPasswords(t).set("database.url", "")));
    assertTrue(e.getMessage().contains("database.url is required"), e.getMessage());
  }
}
