package io.mooring.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void aSelectorIsItsMetricWithoutLabelsOrRange() {
        assertThat(PromQl.metricNames("rate(http_server_requests_seconds_count{job=\"$job\", uri!~\"/health.*\"}[$__rate_interval])"))
                .containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void functionsAggregationsGroupingLabelsAndKeywordsAreNotMetrics() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, uri) (rate(x_seconds_bucket[5m])))"
                + " > bool on (instance) group_left (job) max without (area) (jvm_memory_max_bytes offset 1h)"))
                .containsExactly("jvm_memory_max_bytes", "x_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(a_total[5m])) by (consumer) / ignoring (outcome) b_total or vector(0)"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void numbersDurationsStringsAndVariablesAreNotMetrics() {
        assertThat(PromQl.metricNames("time() - process_start_time_seconds > 1e3 and label_replace(up, \"svc\", \"$1\", \"job\", \"(.*)\")"
                + " unless absent(x{a=\"b c\"}) * 2"))
                .containsExactly("process_start_time_seconds", "up", "x");
    }

    @Test
    void colonsBelongToRecordingRuleNames() {
        assertThat(PromQl.metricNames("job:http_requests:rate5m > 3")).containsExactly("job:http_requests:rate5m");
    }
}
