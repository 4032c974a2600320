/* export-fixture.h: two articles with hostile annotations, shared by the export tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quotes and notes hold what breaks exporters: Markdown syntax, HTML tags and scripts, CSV
 * separators, quotes and newlines, a spreadsheet formula, emoji, right-to-left text, empty
 * notes, a passage over two paragraphs and an orphaned annotation.
 */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-export.h"

#define N_ANNOTATIONS 7
#define N_TAGS        7
#define N_NOTES       5
#define EXPORT_DATE   "2026-11-25T18:55:00Z"

static const char hostile_text[] =
  "Hostile *title* <b>with</b> \"quotes\", commas | pipes\n"
  "\n"
  "By Jane \"JJ\" Doe, The <Daily> Example\n"
  "\n"
  "# Not a heading, a line with * stars * and _under_ and `code` and [link](http://x).\n"
  "\n"
  "<script>alert(\"x\")</script> & &amp; entities, \"quoted, with commas\", and a tab\there.\n"
  "\n"
  "Emoji 🙂👍🏽 and right-to-left: שלום עולם and مرحبا بالعالم.\n"
  "\n"
  "Second paragraph line one\n"
  "line two of the same paragraph.\n";

static const char second_text[] =
  "---\n"
  "title: Second article\n"
  "author: Ann Other\n"
  "date: 2026-02-03\n"
  "url: https://example.com/b?x=1&y=<2>\n"
  "---\n"
  "\n"
  "Plain paragraph about the Council.\n"
  "\n"
  "Another with **bold** text.\n";

typedef struct
{
  char         *dir;
  GPtrArray    *articles;
  GPtrArray    *sets;
} ExportFixture;

static inline GlossArticle *
export_fixture_write_article (ExportFixture *fixture,
                              const char    *name,
                              const char    *text)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GlossArticle *article;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  article = gloss_article_load (file, NULL, &error);
  g_assert_no_error (error);

  return article;
}

/* Annotates the first occurrence of @quote (up to @quote_end, when given, inclusive). */
static inline GlossAnnotation *
export_fixture_annotate (GlossArticle       *article,
                         GlossAnnotationSet *set,
                         const char         *id,
                         const char         *quote,
                         const char         *quote_end,
                         const char         *color,
                         const char * const *tags,
                         const char         *note)
{
  const char *text = gloss_article_get_text (article);
  const char *from = strstr (text, quote);
  const char *to;
  GlossAnnotation *annotation;

  g_assert_nonnull (from);
  to = quote_end != NULL ? strstr (from, quote_end) + strlen (quote_end) : from + strlen (quote);
  annotation = gloss_annotation_new_full (id, 0, 0, "", "", "", "2026-01-01T10:00:00Z",
                                          "2026-01-02T11:30:00Z");
  g_assert_true (gloss_annotation_set_target_from_text (annotation, text,
                                                        g_utf8_pointer_to_offset (text, from),
                                                        g_utf8_pointer_to_offset (text, to)));
  gloss_annotation_restore (annotation, color, tags, note);
  g_assert_true (gloss_annotation_set_add (set, annotation));

  return annotation;
}

static inline void
export_fixture_set_up (ExportFixture *fixture,
                       gconstpointer  data)
{
  const char *tags1[] = { "official source", "Timeline", NULL };
  const char *tags2[] = { "<b>bold</b>", "a,b", NULL };
  const char *tags3[] = { "🔥 hot", NULL };
  const char *tags_lost[] = { "lost", NULL };
  const char *tags_b1[] = { "timeline", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotation) orphan = NULL;
  GlossArticle *article;
  GlossAnnotationSet *set;

  fixture->dir = g_dir_make_tmp ("gloss-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->articles = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->sets = g_ptr_array_new_with_free_func (g_object_unref);

  article = export_fixture_write_article (fixture, "hostile.txt", hostile_text);
  set = gloss_annotation_set_new_for_article (article);
  g_ptr_array_add (fixture->articles, article);
  g_ptr_array_add (fixture->sets, set);
  g_object_unref (export_fixture_annotate (article, set, "a1", "# Not a heading", "* stars *",
                                           "yellow", tags1,
                                           "Outlet B says Monday.\nCheck the press release."));
  g_object_unref (export_fixture_annotate (article, set, "a2", "<script>", "with commas\"",
                                           "red", tags2,
                                           "=SUM(A1:A2)\n\n- dash\n1. one\n> quote\n| a | b |\n"
                                           "<img src=x onerror=alert(1)>\n\"quoted\", comma\n"
                                           "# not a heading\n  indented *em* _em_ ==mark==\n"
                                           "&amp; \\ back\\slash ~~strike~~"));
  g_object_unref (export_fixture_annotate (article, set, "a3", "Emoji", "עולם", "purple", tags3,
                                           "מה? ‏RTL note 😀"));
  g_object_unref (export_fixture_annotate (article, set, "a4", "مرحبا", "line two", "blue",
                                           NULL, ""));
  orphan = gloss_annotation_new_full ("8a1f1c55-0000-4000-8000-00000000000f", 0, 10,
                                      "This passage was removed from the article entirely",
                                      "before it ", " and after", "2026-01-01T10:00:00Z",
                                      "2026-01-01T10:00:00Z");
  gloss_annotation_restore (orphan, "gray", tags_lost, "Still useful, \"kept\"");
  g_assert_true (gloss_annotation_set_add (set, orphan));
  gloss_annotation_set_anchor_to_text (set, gloss_article_get_text (article), -1);
  g_assert_cmpint (gloss_annotation_get_anchor_state (orphan), ==, GLOSS_ANCHOR_STATE_ORPHANED);

  article = export_fixture_write_article (fixture, "second.md", second_text);
  set = gloss_annotation_set_new_for_article (article);
  g_ptr_array_add (fixture->articles, article);
  g_ptr_array_add (fixture->sets, set);
  g_object_unref (export_fixture_annotate (article, set, "b1", "Plain paragraph", "Council",
                                           "green", tags_b1, ""));
  g_object_unref (export_fixture_annotate (article, set, "b2", "Another with", "text",
                                           "orange", NULL, "untagged note"));
  gloss_annotation_set_anchor_to_text (set, gloss_article_get_text (article), -1);
}

static inline void
export_fixture_tear_down (ExportFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_ptr_array_unref (fixture->sets);
  g_ptr_array_unref (fixture->articles);
}

static inline GlossExport *
export_fixture_new_export (ExportFixture *fixture)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (EXPORT_DATE, NULL);
  GlossExport *export = gloss_export_new ();

  for (guint i = 0; i < fixture->articles->len; i++)
    gloss_export_add_source (export, g_ptr_array_index (fixture->articles, i),
                             g_ptr_array_index (fixture->sets, i));
  gloss_export_set_date (export, date);

  return export;
}

/* The output with the temporary folder replaced, so that it can be compared. */
static inline char *
export_fixture_stabilize (ExportFixture *fixture,
                          const char    *output)
{
  g_autofree char *uri = g_filename_to_uri (fixture->dir, NULL, NULL);
  g_auto(GStrv) parts = g_strsplit (output, uri, -1);

  return g_strjoinv ("file:///ARTICLES", parts);
}

static inline GlossAnnotation *
export_fixture_lookup (ExportFixture *fixture,
                       const char    *id)
{
  for (guint i = 0; i < fixture->sets->len; i++)
    {
      GlossAnnotation *annotation = gloss_annotation_set_lookup (g_ptr_array_index (fixture->sets,
                                                                                    i), id);

      if (annotation != NULL)
        return annotation;
    }

  return NULL;
}
