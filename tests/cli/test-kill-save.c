/* test-kill-save.c: a save killed at any moment leaves the old sidecar or the new one, whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs `gloss annotate` on an article with a large sidecar and kills it with SIGKILL after a
 * random delay, many times. After every kill the sidecar must still parse, and hold either
 * the annotations it had before (N) or one more (N + 1): never a truncated or mixed file.
 * usage: test-kill-save GLOSS ARTICLE   (prints TAP)
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sys/wait.h>

#define ROUNDS 200
#define BIG_SIDECAR_ANNOTATIONS 4000

/* The number of annotations in the sidecar, or -1 if it is not a whole, valid sidecar. */
static int
count_annotations (const char *sidecar)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *annotations;

  if (!json_parser_load_from_file (parser, sidecar, NULL))
    return -1;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return -1;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "annotations"))
    return -1;
  annotations = json_object_get_array_member (root, "annotations");

  return annotations != NULL ? (int) json_array_get_length (annotations) : -1;
}

static int
run_gloss (char **argv)
{
  int status = 0;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return -1;

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *article = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = g_string_new ("Kill test\n\n");
  guint killed_mid_save = 0, failures = 0;
  int before;

  if (argc != 2)
    {
      g_printerr ("usage: %s GLOSS\n", argv[0]);
      return 2;
    }

  /* An article with many short sentences, one annotation on each: a large sidecar, so that
   * a save takes long enough to be killed in the middle. */
  dir = g_dir_make_tmp ("gloss-kill-XXXXXX", NULL);
  article = g_build_filename (dir, "story.txt", NULL);
  sidecar = g_strconcat (article, ".annotations.json", NULL);
  for (guint i = 0; i < BIG_SIDECAR_ANNOTATIONS; i++)
    g_string_append_printf (text, "Sentence number %u says quorum here.\n\n", i);
  g_file_set_contents (article, text->str, text->len, NULL);

  {
    char *args[] = { argv[1], "annotate", article, "--quote", "quorum", "--all", NULL };

    if (run_gloss (args) != 0)
      {
        g_print ("1..1\nnot ok 1 could not make the first sidecar\n");
        return 1;
      }
  }
  before = count_annotations (sidecar);
  g_print ("# %d annotations to start with\n", before);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *range = g_strdup_printf ("%u:%u", round % 9, round % 9 + 2);
      char *args[] = { argv[1], "annotate", article, "--range", range, NULL };
      GPid pid;
      int status = 0;
      int after;

      if (!g_spawn_async (NULL, args, NULL,
                          G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                          G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, NULL))
        {
          failures++;
          break;
        }

      /* From before the file is read to after it is written: the run takes ~100 ms. */
      g_usleep (g_random_int_range (0, 150000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      after = count_annotations (sidecar);
      if (after != before && after != before + 1)
        {
          g_print ("# round %u: the sidecar has %d annotations, not %d or %d\n",
                   round, after, before, before + 1);
          failures++;
          break;
        }
      if (WIFSIGNALED (status) && after == before)
        killed_mid_save++;
      before = after;
    }

  g_print ("# %u of %d runs were killed before their save showed\n", killed_mid_save, ROUNDS);
  g_print ("1..1\n%s 1 the sidecar was whole after %d kills\n",
           failures == 0 ? "ok" : "not ok", ROUNDS);

  /* Leave nothing behind, killed saves' temporary files included. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }

  return failures == 0 ? 0 : 1;
}
