package io.mooring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends a running service hostile input on each of its endpoints, byte for byte as written (clients
 * refuse to send malformed targets), and asserts that every answer is a 4xx problem+json, never a 5xx:
 * NUL and a malformed escape ({@code %zz}) in every path id and query value, unparseable {@code limit}
 * values, and for bodies every string field replaced by {@code 1}, {@code true}, {@code [1]},
 * {@code 1e400}, a 41-digit number, a string holding NUL (all refused) and a 10 kB string (refused,
 * or accepted where the field allows it), and every whole-number field by {@code 1.5} and {@code "1"}.
 *
 * <pre>
 * HostileInputSweep.against(server.getURI(), "it-operator")
 *         .get("/v1/hosts/{id}", "limit", "datacenter")
 *         .send("POST", "/v1/accounts", "{\"name\":\"a\"}")
 *         .run();
 * </pre>
 * Path ids are written {@code {name}}; where they are not the hostile part they are the nil UUID.
 */
public final class HostileInputSweep {
    /** What path ids other than the hostile one are: an id of no existing thing that parses as a UUID. */
    private static final String SAMPLE_ID = "00000000-0000-0000-0000-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIG_NUMBER = "1" + "0".repeat(40);
    private static final List<String> REFUSED_IN_STRINGS = List.of("1", "true", "[1]", "1e400", BIG_NUMBER, "\"a\\u0000b\"");
    private static final List<String> REFUSED_IN_INTEGERS = List.of("1.5", "\"1\"", "1e400", BIG_NUMBER);
    private static final List<String> BAD_LIMITS = List.of("abc", "1.5", "NaN", "99999999999999999999");

    private final URI base;
    private final String token;
    private final List<Runnable> probes = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private int requests;

    private HostileInputSweep(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public static HostileInputSweep against(URI base, String token) {
        return new HostileInputSweep(base, token);
    }

    /** A GET endpoint with its path ids ({@code {id}}) and the names of its query parameters. */
    public HostileInputSweep get(String pathTemplate, String... queryParameters) {
        probes.add(() -> {
            for (String hostile : List.of("%00", "%zz", "a%1bb")) {
                for (String path : eachIdReplacedBy(pathTemplate, hostile)) {
                    expectRefused("GET", path, null, "path id " + hostile);
                }
            }
            String path = pathTemplate.replaceAll("\\{[^}]+}", SAMPLE_ID);
            for (String parameter : queryParameters) {
                for (String hostile : List.of("%00", "%zz", "a%07b")) {
                    expectRefused("GET", path + "?" + parameter + "=" + hostile, null, parameter + "=" + hostile);
                }
                if (parameter.equals("limit")) {
                    BAD_LIMITS.forEach(bad -> expectRefused("GET", path + "?limit=" + bad, null, "limit=" + bad));
                }
            }
        });
        return this;
    }

    /** A POST, PUT or PATCH endpoint with a body it accepts. */
    public HostileInputSweep send(String method, String pathTemplate, String validJson) {
        probes.add(() -> {
            for (String path : eachIdReplacedBy(pathTemplate, "%00")) {
                expectRefused(method, path, validJson, "path id %00");
            }
            String path = pathTemplate.replaceAll("\\{[^}]+}", SAMPLE_ID);
            JsonNode valid = parse(validJson);
            eachValue(valid, "", (field, node) -> {
                List<String> refused = node.isTextual() ? REFUSED_IN_STRINGS : node.isIntegralNumber() ? REFUSED_IN_INTEGERS : List.of();
                for (String hostile : refused) {
                    expectRefused(method, path, replaced(valid, field, hostile), field + "=" + hostile);
                }
                if (node.isTextual()) {
                    expectNoFailure(method, path, replaced(valid, field, "\"" + "x".repeat(10_240) + "\""), field + "=10 kB");
                }
            });
        });
        return this;
    }

    /** Runs every probe and fails with every answer that broke the policy. */
    public void run() {
        probes.forEach(Runnable::run);
        assertThat(findings).as("answers to hostile input out of %d requests", requests).isEmpty();
    }

    private void expectRefused(String method, String path, String body, String what) {
        Answer answer = exchange(method, path, body);
        if (answer.status < 400 || answer.status >= 500 || !answer.isProblem()) {
            findings.add(method + " " + shown(path) + " with " + shown(what) + " -> " + answer);
        }
    }

    private void expectNoFailure(String method, String path, String body, String what) {
        Answer answer = exchange(method, path, body);
        if (answer.status >= 500 || (answer.status >= 400 && !answer.isProblem())) {
            findings.add(method + " " + shown(path) + " with " + what + " -> " + answer);
        }
    }

    private static List<String> eachIdReplacedBy(String template, String hostile) {
        List<String> paths = new ArrayList<>();
        var ids = java.util.regex.Pattern.compile("\\{[^}]+}").matcher(template);
        while (ids.find()) {
            String before = template.substring(0, ids.start()).replaceAll("\\{[^}]+}", SAMPLE_ID);
            String after = template.substring(ids.end()).replaceAll("\\{[^}]+}", SAMPLE_ID);
            paths.add(before + hostile + after);
        }
        return paths;
    }

    /** Every scalar value of a body with its path ({@code name}, {@code labels.team}, {@code tags[0]}). */
    private static void eachValue(JsonNode node, String path, java.util.function.BiConsumer<String, JsonNode> visit) {
        if (node.isObject()) {
            node.properties().forEach(e -> eachValue(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                eachValue(node.get(i), path + "[" + i + "]", visit);
            }
        } else {
            visit.accept(path, node);
        }
    }

    /** The body text with the value at {@code path} replaced by raw JSON text. */
    private static String replaced(JsonNode valid, String path, String rawValue) {
        String marker = "\"@@hostile@@\"";
        JsonNode copy = valid.deepCopy();
        set(copy, path, JSON.getNodeFactory().textNode("@@hostile@@"));
        return copy.toString().replace(marker, rawValue);
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            steps.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                steps.add(part.substring(bracket, close + 1));
                bracket = part.indexOf('[', close);
            }
        }
        steps.removeIf(String::isEmpty);
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step.startsWith("[")) {
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                if (last) {
                    ((ArrayNode) node).set(index, value);
                } else {
                    node = node.get(index);
                }
            } else if (last) {
                ((ObjectNode) node).set(step, value);
            } else {
                node = node.get(step);
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer exchange(String method, String path, String body) {
        requests++;
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append("\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Answer.parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    private static String shown(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return cut.replace("\u0000", "\\u0000");
    }

    private record Answer(int status, String contentType, String body) {
        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ");
            int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
            String contentType = "";
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            return new Answer(status, contentType, end < 0 ? "" : raw.substring(end + 4));
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + shown(body.replace("\r\n", " "));
        }
    }
}
