/* gloss-annotation-set.c: placeholder, being written */
#include "config.h"
#include "gloss-annotation-set.h"
