/* gloss-cli.c: `gloss <command>`, which runs without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commands use the core only, never GTK. Read-only commands never write a file. Exit status:
 * 0 on success; 1 with one line "gloss: FILE: problem" on stderr; 2 for bad usage.
 */

#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-cli-private.h"

typedef int (*GlossCommandFunc) (int argc, char **argv);

static int command_text (int argc, char **argv);

static const struct {
  const char       *name;
  GlossCommandFunc  func;
} commands[] = {
  { "text", command_text },
  { "annotate", gloss_cli_annotate },
  { "list", gloss_cli_list },
  { "export", gloss_cli_export },
  { "import", gloss_cli_import },
  { "compare", gloss_cli_compare },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  gloss [FILE|FOLDER …]     open the window with these articles side by side\n"
             "  gloss text FILE           print the article text that annotations refer to\n"
             "  gloss annotate FILE (--quote TEXT [--all] | --range START:END)\n"
             "                 [--color NAME] [--tag TAG]… [--note TEXT]\n"
             "                            add an annotation and save it next to the article\n"
             "  gloss list [--json] FILE… the annotations of each article, re-anchored\n"
             "  gloss export [--format markdown|html|json|csv] [--group-by article|tag]\n"
             "               [--tag TAG]… [--color NAME]… [-o OUT] FILE…\n"
             "                            the annotated notes, to standard output or OUT\n"
             "  gloss import ANNOTATIONS.json FILE\n"
             "                            add W3C Web Annotations (from export --format json)\n"
             "  gloss compare [--json] [--min-words N] FILE FILE…\n"
             "                            the passages that the articles share\n"
             "  gloss --version           print the version\n"
             "  gloss --help              print this help\n"
             "\n"
             "FILE is plain text (.txt), Markdown (.md) or a saved web page (.html).\n"
             "Exit status: 0 success, 1 failure, 2 bad usage.\n"));
}

int
gloss_cli_usage_error (const char *command,
                       const char *message)
{
  g_printerr ("gloss: %s%s%s\n", command ? command : "", command ? ": " : "", message);
  g_printerr ("%s\n", _("Try “gloss --help”."));

  return GLOSS_EXIT_USAGE;
}

int
gloss_cli_file_error (const char   *path,
                      const GError *error)
{
  g_printerr ("gloss: %s: %s\n", path, error->message);

  return GLOSS_EXIT_FAILURE;
}

/* A problem with an article's annotations names the file they are in. */
int
gloss_cli_sidecar_error (GlossAnnotationSet *set,
                         const GError       *error)
{
  g_autoptr(GFile) sidecar = gloss_annotation_set_get_sidecar_file (set, NULL);
  g_autofree char *path = g_file_get_parse_name (sidecar);

  return gloss_cli_file_error (path, error);
}

/**
 * gloss_cli_load_annotated:
 * @path: an article, as given on the command line
 * @set: (out): its annotations, anchored to the article's text as it is now
 *
 * Reads an article and its sidecar. Nothing is written.
 *
 * Returns: (transfer full) (nullable): the article, or %NULL when it or its annotations
 *   cannot be read (the message is printed)
 */
GlossArticle *
gloss_cli_load_annotated (const char          *path,
                          GlossAnnotationSet **set)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotationSet) loaded = NULL;
  g_autoptr(GError) error = NULL;

  article = gloss_article_load (file, NULL, &error);
  if (article == NULL)
    {
      gloss_cli_file_error (path, error);
      return NULL;
    }

  loaded = gloss_annotation_set_new_for_article (article);
  if (!gloss_annotation_set_load (loaded, NULL, &error))
    {
      gloss_cli_sidecar_error (loaded, error);
      return NULL;
    }
  gloss_annotation_set_anchor_to_text (loaded, gloss_article_get_text (article),
                                       gloss_article_get_text_size (article));

  *set = g_steal_pointer (&loaded);
  return g_steal_pointer (&article);
}

/* Writes bytes as they are: g_print() would convert them to the locale's charset. */
gboolean
gloss_cli_write (const char *data,
                 gssize      len)
{
  if (len < 0)
    len = strlen (data);

  return fwrite (data, 1, len, stdout) == (gsize) len;
}

/**
 * gloss_cli_parse:
 * @argv: (inout): the whole command line; on return the command's arguments, from [1]
 * @status: (out): the exit status when this returns %FALSE
 *
 * Parses the options of @command. Returns %FALSE when the command should exit now: bad
 * usage (the message is printed) or --help (the help is printed).
 */
gboolean
gloss_cli_parse (const char    *command,
                 GOptionEntry  *entries,
                 int           *argc,
                 char        ***argv,
                 int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat ("gloss ", command, NULL);

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_set_prgname (name);

  /* Skip "gloss": GOption treats argv[0] as the program, here the command. */
  (*argc)--;
  (*argv)++;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = gloss_cli_usage_error (command, error->message);
      return FALSE;
    }

  return TRUE;
}

static int
command_text (int    argc,
              char **argv)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  const char *path = NULL;

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          if (path == NULL && i + 1 < argc)
            path = argv[++i];
          if (i + 1 < argc)
            return gloss_cli_usage_error ("text", _("expected one FILE"));
          break;
        }
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        return gloss_cli_usage_error ("text", _("unknown option"));
      if (path != NULL)
        return gloss_cli_usage_error ("text", _("expected one FILE"));
      path = argv[i];
    }

  if (path == NULL)
    return gloss_cli_usage_error ("text", _("expected one FILE"));

  file = g_file_new_for_commandline_arg (path);
  article = gloss_article_load (file, NULL, &error);
  if (article == NULL)
    return gloss_cli_file_error (path, error);

  if (!gloss_cli_write (gloss_article_get_text (article), gloss_article_get_text_size (article)) ||
      !gloss_cli_write ("\n", 1) || fflush (stdout) != 0)
    {
      g_printerr ("gloss: %s: %s\n", path, _("could not write the text to standard output"));
      return GLOSS_EXIT_FAILURE;
    }

  return GLOSS_EXIT_OK;
}

/**
 * gloss_cli_handles:
 *
 * Whether the command line asks for a command rather than the window.
 */
gboolean
gloss_cli_handles (int    argc,
                   char **argv)
{
  if (argc < 2)
    return FALSE;

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "help"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return TRUE;

  return FALSE;
}

int
gloss_cli_run (int    argc,
               char **argv)
{
  g_return_val_if_fail (argc >= 2, GLOSS_EXIT_USAGE);

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return GLOSS_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("gloss %s\n", PACKAGE_VERSION);
      return GLOSS_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc, argv);

  return gloss_cli_usage_error (NULL, _("unknown command"));
}
