/* gloss-anchor.c: placeholder, being written */
#include "config.h"
#include "gloss-anchor.h"
