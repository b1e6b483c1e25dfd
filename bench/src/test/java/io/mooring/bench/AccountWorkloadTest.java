package io.mooring.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccountWorkloadTest {

    @Test
    void accountNamesAreDistinctDnsLabelsTheProvisionerAccepts() {
        Set<String> names = new HashSet<>();
        for (long n = 1; n <= 2000; n++) {
            names.add(AccountWorkload.accountName(n));
        }
        names.add(AccountWorkload.accountName(9_999_999));

        assertThat(names).hasSize(2001)
                .allSatisfy(name -> assertThat(name).matches("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?").startsWith("b"));
    }
}
