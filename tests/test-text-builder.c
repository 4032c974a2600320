/* test-text-builder.c: the normalisation every article text gets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-text-builder.h"

/* Ends the builder and checks the text; returns the spans. */
static GArray *
end_and_check (GlossTextBuilder *builder,
               const char       *expected)
{
  GArray *spans = NULL;
  guint length = gloss_text_builder_get_length (builder);
  g_autofree char *text = gloss_text_builder_end (builder, &spans);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (g_utf8_strlen (text, -1), ==, length);

  return spans;
}

static void
test_whitespace (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_append (builder, "  Two\t\tspaces \n and\xc2\xa0no-break\xe2\x80\x83" "em  ", -1);
  gloss_text_builder_pop (builder);
  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_append (builder, "   ", -1);
  gloss_text_builder_pop (builder);
  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_append (builder, "Next ", -1);
  gloss_text_builder_line_break (builder);
  gloss_text_builder_line_break (builder);
  gloss_text_builder_append (builder, " line", -1);
  gloss_text_builder_pop (builder);

  spans = end_and_check (builder, "Two spaces and no-break em\n\nNext\nline");
  /* The paragraph with nothing visible in it is dropped. */
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 0).end, ==, 26);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 1).start, ==, 28);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 1).end, ==, 37);
}

static void
test_dropped_characters (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  /* soft hyphen, zero-width space, BOM, word joiner, a C0 and a C1 control */
  gloss_text_builder_append (builder,
                             "in\xc2\xad" "for\xe2\x80\x8bma\xef\xbb\xbftion\xe2\x81\xa0\x01!\xc2\x85",
                             -1);
  spans = end_and_check (builder, "information!");
  g_assert_cmpuint (spans->len, ==, 0);
}

static void
test_nfc (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  /* "café" with a combining acute accent becomes the precomposed é: one code point. */
  gloss_text_builder_append (builder, "cafe\xcc\x81", -1);
  spans = end_and_check (builder, "caf\xc3\xa9");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  gloss_text_builder_append (builder, "bad \xff byte", -1);
  spans = end_and_check (builder, "bad \xef\xbf\xbd byte");
}

static void
test_inline_spans (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;
  GlossSpan *link;

  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_append (builder, "Read ", -1);
  gloss_text_builder_push (builder, GLOSS_SPAN_LINK, 0, "https://example.org/");
  gloss_text_builder_append (builder, " the report ", -1);
  gloss_text_builder_pop (builder);
  gloss_text_builder_append (builder, " today.", -1);
  gloss_text_builder_pop (builder);

  spans = end_and_check (builder, "Read the report today.");
  g_assert_cmpuint (spans->len, ==, 2);
  link = &g_array_index (spans, GlossSpan, 1);
  g_assert_cmpint (link->kind, ==, GLOSS_SPAN_LINK);
  g_assert_cmpuint (link->start, ==, 5);
  g_assert_cmpuint (link->end, ==, 15);
  g_assert_cmpstr (link->href, ==, "https://example.org/");
}

static void
test_nested_blocks (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  gloss_text_builder_push (builder, GLOSS_SPAN_BLOCKQUOTE, 1, NULL);
  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_append (builder, "One", -1);
  gloss_text_builder_pop (builder);
  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_append (builder, "Two", -1);
  gloss_text_builder_pop (builder);
  gloss_text_builder_pop (builder);
  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  gloss_text_builder_append (builder, "After", -1);

  /* end() closes what is still open */
  spans = end_and_check (builder, "One\n\nTwo\n\nAfter");
  g_assert_cmpuint (spans->len, ==, 4);
  g_assert_cmpint (g_array_index (spans, GlossSpan, 0).kind, ==, GLOSS_SPAN_BLOCKQUOTE);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 0).end, ==, 8);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 3).start, ==, 10);
  g_assert_cmpuint (g_array_index (spans, GlossSpan, 3).end, ==, 15);
}

static void
test_verbatim (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  gloss_text_builder_append (builder, "Before", -1);
  gloss_text_builder_push (builder, GLOSS_SPAN_CODE_BLOCK, 0, NULL);
  gloss_text_builder_append_verbatim (builder, "\n  if (x)\n\n\n    y ();\n", -1);
  gloss_text_builder_pop (builder);
  gloss_text_builder_append (builder, "After", -1);

  /* Indentation is kept; blank lines never appear inside a block. */
  spans = end_and_check (builder, "Before\n\nif (x)\n    y ();\n\nAfter");
}

static void
test_set_kind (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  gloss_text_builder_push (builder, GLOSS_SPAN_PARAGRAPH, 0, NULL);
  g_assert_cmpuint (gloss_text_builder_get_open_start (builder), ==, G_MAXUINT);
  gloss_text_builder_append (builder, "Photo: a bridge", -1);
  g_assert_cmpuint (gloss_text_builder_get_open_start (builder), ==, 0);
  gloss_text_builder_set_kind (builder, GLOSS_SPAN_CAPTION);
  gloss_text_builder_pop (builder);

  spans = end_and_check (builder, "Photo: a bridge");
  g_assert_cmpint (g_array_index (spans, GlossSpan, 0).kind, ==, GLOSS_SPAN_CAPTION);
  g_assert_cmpstr (gloss_span_kind_to_string (GLOSS_SPAN_CAPTION), ==, "caption");
}

static void
test_empty (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GArray) spans = NULL;

  gloss_text_builder_push (builder, GLOSS_SPAN_HEADING, 1, NULL);
  gloss_text_builder_append (builder, " \n\t ", -1);
  spans = end_and_check (builder, "");
  g_assert_cmpuint (spans->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/text-builder/whitespace", test_whitespace);
  g_test_add_func ("/gloss/text-builder/dropped-characters", test_dropped_characters);
  g_test_add_func ("/gloss/text-builder/nfc", test_nfc);
  g_test_add_func ("/gloss/text-builder/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/gloss/text-builder/inline-spans", test_inline_spans);
  g_test_add_func ("/gloss/text-builder/nested-blocks", test_nested_blocks);
  g_test_add_func ("/gloss/text-builder/verbatim", test_verbatim);
  g_test_add_func ("/gloss/text-builder/set-kind", test_set_kind);
  g_test_add_func ("/gloss/text-builder/empty", test_empty);

  return g_test_run ();
}
