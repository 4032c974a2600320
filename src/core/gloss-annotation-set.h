/* gloss-annotation-set.h: placeholder, being written */
#pragma once
#include <glib.h>
