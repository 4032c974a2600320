/* gloss-anchor.h: placeholder, being written */
#pragma once
#include <glib.h>
