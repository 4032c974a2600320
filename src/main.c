/* main.c: a command without a display, or the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gloss-application.h"
#include "gloss-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GlossApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (gloss_cli_handles (argc, argv))
    return gloss_cli_run (argc, argv);

  app = gloss_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
