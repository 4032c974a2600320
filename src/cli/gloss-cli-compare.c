/* gloss-cli-compare.c: `gloss compare`, the passages that articles share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only. Offsets are code points over each article's text, as `gloss text` prints it,
 * so that a script can cut the passages out of that text.
 */

#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gloss-article.h"
#include "gloss-cli-private.h"
#include "gloss-compare.h"

#define MAX_MIN_WORDS 100000
#define CLIP_WORDS    6

/* Fractions (0 to 1) as people read them: 0.967 rather than 0.96666666666666667; without
 * round(), which would need libm. */
static double
rounded (double value)
{
  return (double) (gint64) (value * 1000.0 + 0.5) / 1000.0;
}

static void
add_json (JsonBuilder      *builder,
          char            **paths,
          GPtrArray        *articles,
          GlossComparison  *comparison)
{
  guint n_passages = gloss_comparison_get_n_passages (comparison);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "articles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < articles->len; i++)
    {
      GlossArticle *article = g_ptr_array_index (articles, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, paths[i]);
      json_builder_set_member_name (builder, "title");
      if (gloss_article_get_title (article) != NULL)
        json_builder_add_string_value (builder, gloss_article_get_title (article));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "words");
      json_builder_add_int_value (builder, gloss_comparison_get_n_words (comparison, i));
      json_builder_set_member_name (builder, "shared");
      json_builder_add_double_value (builder, rounded (gloss_comparison_get_shared_fraction
                                                         (comparison, i)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "passages");
  json_builder_begin_array (builder);
  for (guint p = 0; p < n_passages; p++)
    {
      GlossSharedPassage *passage = gloss_comparison_get_passage (comparison, p);
      const GlossPassageSpan *spans;
      guint n_spans;

      spans = gloss_shared_passage_get_spans (passage, &n_spans);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "similarity");
      json_builder_add_double_value (builder,
                                     rounded (gloss_shared_passage_get_similarity (passage)));
      json_builder_set_member_name (builder, "words");
      json_builder_add_int_value (builder, gloss_shared_passage_get_n_words (passage));
      json_builder_set_member_name (builder, "spans");
      json_builder_begin_array (builder);
      for (guint s = 0; s < n_spans; s++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "article");
          json_builder_add_int_value (builder, spans[s].article);
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, spans[s].start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, spans[s].end);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* “The first words … the last words” of a span, on one line. */
static char *
clip_span (GlossArticle           *article,
           const GlossPassageSpan *span)
{
  const char *text = gloss_article_get_text (article);
  const char *start = g_utf8_offset_to_pointer (text, span->start);
  const char *end = g_utf8_offset_to_pointer (start, span->end - span->start);
  g_autofree char *quote = g_strndup (start, end - start);
  g_auto(GStrv) words = NULL;
  guint n;

  g_strdelimit (quote, "\n\t\r", ' ');
  words = g_strsplit_set (quote, " ", -1);
  n = g_strv_length (words);
  if (n <= 2 * CLIP_WORDS)
    return g_steal_pointer (&quote);

  {
    g_autofree char *head = NULL;
    g_autofree char *tail = NULL;
    char *cut = words[CLIP_WORDS];

    words[CLIP_WORDS] = NULL;
    head = g_strjoinv (" ", words);
    words[CLIP_WORDS] = cut;
    tail = g_strjoinv (" ", words + n - CLIP_WORDS);
    return g_strconcat (head, " … ", tail, NULL);
  }
}

static void
print_report (char            **paths,
              GPtrArray        *articles,
              GlossComparison  *comparison)
{
  guint n = articles->len;
  guint n_passages = gloss_comparison_get_n_passages (comparison);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = gloss_article_dup_display_title (g_ptr_array_index (articles, i));
      guint words = gloss_comparison_get_n_words (comparison, i);

      g_string_append_printf (out, "[%u] %s\n    %s\n    ", i + 1, paths[i], title);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u word, %.0f%% shared",
                                                "%u words, %.0f%% shared", words),
                              words, 100.0 * gloss_comparison_get_shared_fraction (comparison, i));
      for (guint j = 0; j < n && n > 2; j++)
        if (j != i)
          g_string_append_printf (out, _(", %.0f%% with [%u]"),
                                  100.0 * gloss_comparison_get_shared_fraction_with (comparison,
                                                                                     i, j),
                                  j + 1);
      g_string_append (out, "\n");
    }

  g_string_append (out, "\n");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u shared passage\n",
                                            "%u shared passages\n", n_passages),
                          n_passages);

  for (guint p = 0; p < n_passages; p++)
    {
      GlossSharedPassage *passage = gloss_comparison_get_passage (comparison, p);
      const GlossPassageSpan *spans;
      guint n_spans;

      spans = gloss_shared_passage_get_spans (passage, &n_spans);
      g_string_append (out, "\n");
      g_string_append_printf (out, _("Passage %u: %u words, %.0f%% similar\n"), p + 1,
                              gloss_shared_passage_get_n_words (passage),
                              100.0 * gloss_shared_passage_get_similarity (passage));
      for (guint s = 0; s < n_spans; s++)
        {
          g_autofree char *quote = clip_span (g_ptr_array_index (articles, spans[s].article),
                                              &spans[s]);

          g_string_append_printf (out, "  [%u] %u–%u “%s”\n", spans[s].article + 1,
                                  spans[s].start, spans[s].end, quote);
        }
    }

  gloss_cli_write (out->str, out->len);
}

int
gloss_cli_compare (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  int min_words = GLOSS_COMPARE_DEFAULT_MIN_WORDS;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "min-words", 0, 0, G_OPTION_ARG_INT, &min_words,
      N_("Report only passages of at least N words (default 8)"), N_("N") },
    { NULL }
  };
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GlossComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  int status = GLOSS_EXIT_OK;

  if (!gloss_cli_parse ("compare", entries, &argc, &argv, &status))
    return status;
  if (argc < 3)
    return gloss_cli_usage_error ("compare", _("expected at least two FILEs"));
  if (min_words < 2 || min_words > MAX_MIN_WORDS)
    return gloss_cli_usage_error ("compare", _("--min-words must be a number from 2 to 100000"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      GlossArticle *article = gloss_article_load (file, NULL, &error);

      if (article == NULL)
        return gloss_cli_file_error (argv[i], error);
      g_ptr_array_add (articles, article);
      g_ptr_array_add (texts, (gpointer) gloss_article_get_text (article));
    }

  comparison = gloss_compare_run ((const char * const *) texts->pdata, texts->len, min_words,
                                  NULL, &error);
  g_assert (comparison != NULL);  /* only cancelling fails */

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *output = NULL;

      add_json (builder, argv + 1, articles, comparison);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      output = json_generator_to_data (generator, NULL);
      gloss_cli_write (output, -1);
      gloss_cli_write ("\n", 1);
    }
  else
    print_report (argv + 1, articles, comparison);

  return GLOSS_EXIT_OK;
}
