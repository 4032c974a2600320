/* gloss-cli-annotate.c: `gloss annotate`, which adds annotations from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-cli-private.h"
#include "gloss-cli-range.h"
#include "gloss-quote-search.h"

/* The matches to annotate, or NULL with a message (exit 1) printed. */
static GArray *
find_targets (GlossArticle *article,
              const char   *path,
              const char   *quote,
              const char   *range,
              gboolean      all)
{
  g_autoptr(GArray) matches = NULL;

  if (range != NULL)
    {
      GlossQuoteMatch match;

      gloss_cli_parse_range (range, &match.start, &match.end);
      if (match.start >= match.end || match.end > gloss_article_get_length (article))
        {
          g_printerr ("gloss: %s: ", path);
          g_printerr (_("the range %s is not inside the text (0:%u)\n"), range,
                      gloss_article_get_length (article));
          return NULL;
        }
      matches = g_array_new (FALSE, FALSE, sizeof (GlossQuoteMatch));
      g_array_append_val (matches, match);
      return g_steal_pointer (&matches);
    }

  matches = gloss_quote_search (gloss_article_get_text (article), quote);
  if (matches->len == 0)
    {
      g_printerr ("gloss: %s: ", path);
      g_printerr (_("the quote does not occur in the text (see “gloss text”)\n"));
      return NULL;
    }
  /* Several places: choosing one would be a guess, and a wrong annotation is worse than none. */
  if (matches->len > 1 && !all)
    {
      GlossQuoteMatch *first = &g_array_index (matches, GlossQuoteMatch, 0);
      GlossQuoteMatch *second = &g_array_index (matches, GlossQuoteMatch, 1);

      g_printerr ("gloss: %s: ", path);
      g_printerr (_("the quote occurs %u times (at %u:%u, %u:%u, …); use --all, or --range\n"),
                  matches->len, first->start, first->end, second->start, second->end);
      return NULL;
    }

  return g_steal_pointer (&matches);
}

int
gloss_cli_annotate (int    argc,
                    char **argv)
{
  g_autofree char *quote = NULL;
  g_autofree char *range = NULL;
  g_autofree char *color = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) tags = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "quote", 0, 0, G_OPTION_ARG_STRING, &quote, N_("Annotate this passage"), N_("TEXT") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Annotate every place the quote occurs"), NULL },
    { "range", 0, 0, G_OPTION_ARG_STRING, &range,
      N_("Annotate these code points of the text"), N_("START:END") },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, N_("Highlight colour"), N_("NAME") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("A tag (repeat for more)"), N_("TAG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GArray) targets = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autofree char *sidecar_path = NULL;
  gboolean fallback = FALSE;
  const char *path;
  guint start, end;
  int status;

  if (!gloss_cli_parse ("annotate", entries, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return gloss_cli_usage_error ("annotate", _("expected one FILE"));
  if ((quote == NULL) == (range == NULL))
    return gloss_cli_usage_error ("annotate", _("give either --quote or --range"));
  if (all && quote == NULL)
    return gloss_cli_usage_error ("annotate", _("--all goes with --quote"));
  if (range != NULL && !gloss_cli_parse_range (range, &start, &end))
    return gloss_cli_usage_error ("annotate", _("--range takes START:END, two whole numbers"));
  if (color != NULL && !gloss_annotation_color_is_valid (color))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) gloss_annotation_list_colors ());
      g_autofree char *message = g_strdup_printf (_("no colour “%s”; the colours are %s"),
                                                  color, names);

      return gloss_cli_usage_error ("annotate", message);
    }

  path = argv[1];
  file = g_file_new_for_commandline_arg (path);
  article = gloss_article_load (file, NULL, &error);
  if (article == NULL)
    return gloss_cli_file_error (path, error);

  set = gloss_annotation_set_new_for_article (article);
  if (!gloss_annotation_set_load (set, NULL, &error))
    return gloss_cli_sidecar_error (set, error);

  targets = find_targets (article, path, quote, range, all);
  if (targets == NULL)
    return GLOSS_EXIT_FAILURE;

  for (guint i = 0; i < targets->len; i++)
    {
      GlossQuoteMatch *match = &g_array_index (targets, GlossQuoteMatch, i);
      g_autoptr(GlossAnnotation) annotation =
        gloss_annotation_new_for_article (article, match->start, match->end);

      if (color != NULL)
        gloss_annotation_set_color (annotation, color);
      if (tags != NULL)
        gloss_annotation_set_tags (annotation, (const char * const *) tags);
      if (note != NULL)
        gloss_annotation_set_note (annotation, note);
      gloss_annotation_set_add (set, annotation);
      g_ptr_array_add (added, g_steal_pointer (&annotation));
    }

  if (!gloss_annotation_set_save (set, NULL, &error))
    return gloss_cli_sidecar_error (set, error);

  sidecar = gloss_annotation_set_get_sidecar_file (set, &fallback);
  sidecar_path = g_file_get_parse_name (sidecar);

  /* One line per annotation, for scripts: its id and where it is. */
  for (guint i = 0; i < added->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (added, i);

      printf ("%s\t%u:%u\n", gloss_annotation_get_id (annotation),
              gloss_annotation_get_start (annotation), gloss_annotation_get_end (annotation));
    }
  if (fallback)
    g_printerr (_("gloss: %s: the folder cannot be written, so the annotations are kept in %s\n"),
                path, sidecar_path);

  return GLOSS_EXIT_OK;
}
