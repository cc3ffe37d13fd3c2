#include <snowball.h>

#include <stdio.h>

int main(void) {
    printf("consumer linked libsnowball_c %s\n", snowball_version());
    return snowball_archive_no_validate("XH-2026C-00001D") == SNOWBALL_OK ? 0 : 1;
}
