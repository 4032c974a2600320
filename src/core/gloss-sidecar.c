/* gloss-sidecar.c: placeholder, being written */
#include "config.h"
#include "gloss-sidecar.h"
