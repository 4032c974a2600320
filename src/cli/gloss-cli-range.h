/* gloss-cli-range.h: the START:END of `gloss annotate --range`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  gloss_cli_parse_range (const char *text,
                                 guint      *start,
                                 guint      *end);

G_END_DECLS
