/* fuzz-sidecar.c: placeholder, being written */
#include "config.h"
#include <glib.h>
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size) { return 0; }
