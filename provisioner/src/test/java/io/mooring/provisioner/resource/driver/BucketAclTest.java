package io.mooring.provisioner.resource.driver;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BucketAclTest {
    private static final Grant OWNER = grant(Grantee.builder().type(Type.CANONICAL_USER).id("owner").build(), Permission.FULL_CONTROL);

    @Test
    void readsTheCannedAclThatAGrantListAmountsTo() {
        assertThat(BucketDriver.cannedAcl(acl(OWNER))).isEqualTo("private");
        assertThat(BucketDriver.cannedAcl(acl(OWNER, group("AllUsers", Permission.READ)))).isEqualTo("public-read");
        assertThat(BucketDriver.cannedAcl(acl(OWNER, group("AllUsers", Permission.READ), group("AllUsers", Permission.WRITE))))
                .isEqualTo("public-read-write");
        assertThat(BucketDriver.cannedAcl(acl(OWNER, group("AuthenticatedUsers", Permission.READ)))).isEqualTo("authenticated-read");
    }

    @Test
    void remembersOnlyUnderTheSuspensionPrefix() {
        assertThat(BucketDriver.ACL_BEFORE).startsWith(AccessChange.PREFIX);
    }

    private static GetBucketAclResponse acl(Grant... grants) {
        return GetBucketAclResponse.builder().grants(List.of(grants)).build();
    }

    private static Grant group(String name, Permission permission) {
        return grant(Grantee.builder().type(Type.GROUP).uri("http://acs.amazonaws.com/groups/global/" + name).build(), permission);
    }

    private static Grant grant(Grantee grantee, Permission permission) {
        return Grant.builder().grantee(grantee).permission(permission).build();
    }
}
