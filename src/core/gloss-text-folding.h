/* gloss-text-folding.h: placeholder, being written */
#pragma once
#include <glib.h>
