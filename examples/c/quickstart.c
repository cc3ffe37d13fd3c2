/* The C API in a page: open an archive, file a customer, recognise a caller, handle errors.
 * Links only libsnowball_c.   usage: c_quickstart <archive.db> */
#include <snowball.h>

#include <stdio.h>

/* Prints the thread's last error and returns its status. */
static int report(int status, const char *what) {
    const snowball_error *e = snowball_error_last();
    fprintf(stderr, "%s failed: %s (%d): %s [field '%s']\n", what, snowball_status_name(status), status, e->message,
            e->field);
    return status;
}

int main(int argc, char **argv) {
    snowball_archive *archive = NULL;
    char *json = NULL;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: c_quickstart <archive.db>\n");
        return 2;
    }
    printf("libsnowball_c %s (built against %s)\n", snowball_version(), SNOWBALL_VERSION);
    if ((rc = snowball_archive_open(&archive, argv[1], NULL)) != SNOWBALL_OK) return report(rc, "open") != 0;

    /* Run again on the same file, the site and the customer are on file already: a conflict, not a failure. */
    rc = snowball_site_add(&json, archive, "{\"code\": \"XH\", \"name\": \"西湖印象售楼处\"}");
    if (rc == SNOWBALL_OK) {
        printf("site: %s\n", json);
        snowball_string_free(json);
    } else if (rc == SNOWBALL_ECONFLICT) {
        printf("site XH is on file already\n");
    } else {
        goto fail_site;
    }

    rc = snowball_customer_add(&json, archive,
                               "{\"site\": \"XH\", \"channel\": \"call\", \"name\": \"张伟\", "
                               "\"mobile\": \"+86 138-0013-8000\", \"tier\": \"vip\"}");
    if (rc == SNOWBALL_OK) {
        printf("filed: %s\n", json);
        snowball_string_free(json);
    } else if (rc == SNOWBALL_ECONFLICT) {
        printf("on file already: customer %lld\n", (long long)snowball_error_last()->record_id);
    } else {
        goto fail_customer;
    }

    /* The same phone again is a conflict that names the customer who has it. */
    rc = snowball_customer_add(&json, archive, "{\"site\": \"XH\", \"channel\": \"lead\", \"name\": \"李四\", "
                                               "\"mobile\": \"0086 13800138000\"}");
    if (rc == SNOWBALL_ECONFLICT)
        printf("duplicate refused: %s (existing customer id %lld)\n", snowball_error_last()->message,
               (long long)snowball_error_last()->record_id);

    if ((rc = snowball_customer_by_phone(&json, archive, "138 0013 8000", "XH")) != SNOWBALL_OK) goto fail_lookup;
    printf("caller recognised: %s\n", json);
    snowball_string_free(json);

    printf("check character of XH-2026C-00001D: %s\n",
           snowball_archive_no_validate("XH-2026C-00001D") == SNOWBALL_OK ? "valid" : "invalid");
    snowball_archive_free(archive);
    return 0;

fail_site:
    report(rc, "site_add");
    goto done;
fail_customer:
    report(rc, "customer_add");
    goto done;
fail_lookup:
    report(rc, "customer_by_phone");
done:
    snowball_archive_free(archive);
    return 1;
}
