/* test-quote-search.c: finding a typed quote in an article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-quote-search.h"

static void
assert_matches (const char *text,
                const char *quote,
                const guint *expected,
                guint        n_expected)
{
  g_autoptr(GArray) matches = gloss_quote_search (text, quote);

  g_assert_cmpuint (matches->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpuint (g_array_index (matches, GlossQuoteMatch, i).start, ==, expected[2 * i]);
      g_assert_cmpuint (g_array_index (matches, GlossQuoteMatch, i).end, ==, expected[2 * i + 1]);
    }
}

static void
test_exact (void)
{
  assert_matches ("The bridge closed. The bridge", "bridge", (guint[]) { 4, 10, 23, 29 }, 2);
  assert_matches ("The bridge closed.", "closed.", (guint[]) { 11, 18 }, 1);
  assert_matches ("The bridge closed.", "ferry", NULL, 0);
}

static void
test_word_boundaries (void)
{
  /* Not inside another word, at either end. */
  assert_matches ("Turnbridge and bridges and bridge", "bridge", (guint[]) { 27, 33 }, 1);
  /* A quote that starts or ends with punctuation needs no boundary there. */
  assert_matches ("said: “Bridge closed.”", "“Bridge", (guint[]) { 6, 13 }, 1);
}

static void
test_typography (void)
{
  /* straight for curly quotes, case, a hyphen for a dash, spaces and a line break */
  assert_matches ("The bridge\xe2\x80\x99s pivot \xe2\x80\x94 cracked", "BRIDGE'S  pivot\n- cracked",
                  (guint[]) { 4, 28 }, 1);
  /* Multi-byte text before the match: offsets are code points. */
  assert_matches ("\xc3\xa9\xc3\xa9\xc3\xa9 caf\xc3\xa9", "cafe\xcc\x81", (guint[]) { 4, 8 }, 1);
}

static void
test_empty (void)
{
  assert_matches ("Some text", "", NULL, 0);
  assert_matches ("Some text", " \n\t ", NULL, 0);
  assert_matches ("", "text", NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/quote-search/exact", test_exact);
  g_test_add_func ("/gloss/quote-search/word-boundaries", test_word_boundaries);
  g_test_add_func ("/gloss/quote-search/typography", test_typography);
  g_test_add_func ("/gloss/quote-search/empty", test_empty);

  return g_test_run ();
}
