/* The public C header must compile on its own as strict ISO C (see tests/CMakeLists.txt). */
#include "snowball.h"

/* Use every type, so that a broken typedef would not go unnoticed. */
int snowball_header_check(void);
int snowball_header_check(void) {
    snowball_archive *archive = 0;
    snowball_import_progress progress = {0, 0, 0, 0};
    snowball_progress_cb callback = 0;
    const snowball_error *error = 0;
    snowball_status status = SNOWBALL_OK;
    (void)archive;
    (void)progress;
    (void)callback;
    (void)error;
    return (int)status + SNOWBALL_VERSION_NUMBER;
}
