/* replay.c: runs a fuzz target over every file of a corpus folder, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint count = 0;

  if (argc != 2)
    {
      g_printerr ("usage: %s CORPUS-FOLDER\n", argv[0]);
      return 2;
    }

  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &data, &len, &error))
        g_error ("%s", error->message);

      g_print ("%s\n", name);
      LLVMFuzzerTestOneInput ((const guint8 *) data, len);
      count++;
    }

  g_print ("%u inputs\n", count);
  return count > 0 ? 0 : 1;
}
