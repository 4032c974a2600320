/* gloss-annotation.c: placeholder, being written */
#include "config.h"
#include "gloss-annotation.h"
