/* gloss-cli-range.c: the START:END of `gloss annotate --range`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On its own so that the fuzz target (tests/fuzz/fuzz-range.c) can call it.
 */

#include "config.h"

#include "gloss-cli-range.h"

/**
 * gloss_cli_parse_range:
 * @text: the argument, "START:END", both whole numbers
 * @start: (out): START, untouched on failure
 * @end: (out): END, untouched on failure
 *
 * Only the syntax: whether the range lies inside a text is for the caller to check.
 *
 * Returns: whether @text is two whole numbers up to %G_MAXUINT separated by a colon
 */
gboolean
gloss_cli_parse_range (const char *text,
                       guint      *start,
                       guint      *end)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint64 a, b;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &a, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &b, NULL))
    return FALSE;

  *start = a;
  *end = b;
  return TRUE;
}
