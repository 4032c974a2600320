/* gloss-text-folding.c: placeholder, being written */
#include "config.h"
#include "gloss-text-folding.h"
