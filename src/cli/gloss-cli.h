/* gloss-cli.h: `gloss <command>`, which runs without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of every command. */
enum
{
  GLOSS_EXIT_OK = 0,
  GLOSS_EXIT_FAILURE = 1,
  GLOSS_EXIT_USAGE = 2,
};

gboolean  gloss_cli_handles (int    argc,
                             char **argv);
int       gloss_cli_run     (int    argc,
                             char **argv);

G_END_DECLS
