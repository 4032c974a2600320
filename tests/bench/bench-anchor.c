/* bench-anchor.c: how fast annotations re-anchor on a large article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a 1 MB article of varied (pseudo-English) text with 1,000 annotations of
 * sentences, phrases, words and numbers, and times three cases, each from the new text to
 * the last result (gloss_anchorer_new() and gloss_anchorer_resolve_all() of them all):
 * - unchanged: the text is as it was, every annotation verifies (tier 1);
 * - light edits: sentences inserted and deleted here and there, quotes made curly;
 * - worst case: every annotated passage has a typo, so all need approximate search.
 * Prints a Markdown table. Run: ninja -C _build tests/bench/bench-anchor &&
 * ./_build/tests/bench/bench-anchor
 */

#include "config.h"

#include <string.h>

#include "gloss-anchor.h"

#define TEXT_SIZE     (1024 * 1024)
#define N_ANNOTATIONS 1000
#define CONTEXT       32
#define RUNS          5

static const char *syllables[] = {
  "ba", "ri", "con", "del", "mor", "tan", "ves", "lo", "quin", "har", "bor", "wick", "sal",
  "ting", "ad", "ter", "mi", "nus", "pel", "ro", "gan", "fi", "el", "dor", "sca", "pe", "lin",
  "tho", "ra", "gu", "sem", "ber",
};

static const char *common[] = {
  "the", "of", "and", "to", "a", "in", "said", "that", "was", "on", "for", "it", "with",
  "as", "by", "at", "from", "council", "bridge", "would",
};

static char *
make_word (GRand *rand)
{
  GString *w = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n; i++)
    g_string_append (w, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
  return g_string_free (w, FALSE);
}

static void
append_sentence (GString *s,
                 GRand   *rand,
                 char   **vocab,
                 guint    n_vocab)
{
  guint n = g_rand_int_range (rand, 8, 26);

  for (guint i = 0; i < n; i++)
    {
      double r = g_rand_double (rand);
      const char *word;

      if (r < 0.35)
        word = common[g_rand_int_range (rand, 0, G_N_ELEMENTS (common))];
      else
        word = vocab[(guint) (n_vocab * r * r) % n_vocab];  /* skewed, as words are */

      if (i == 0)
        {
          g_string_append_c (s, g_ascii_toupper (word[0]));
          g_string_append (s, word + 1);
        }
      else if (g_rand_int_range (rand, 0, 20) == 0)
        g_string_append_printf (s, " %u", g_rand_int_range (rand, 2, 20000));
      else if (g_rand_int_range (rand, 0, 30) == 0)
        g_string_append_printf (s, " \"%s\"", word);
      else
        g_string_append_printf (s, " %s", word);
    }
  g_string_append_c (s, '.');
}

static char *
make_article (GRand *rand)
{
  GString *s = g_string_sized_new (TEXT_SIZE + 1024);
  char *vocab[4000];

  for (guint i = 0; i < G_N_ELEMENTS (vocab); i++)
    vocab[i] = make_word (rand);

  while (s->len < TEXT_SIZE)
    {
      guint n = g_rand_int_range (rand, 2, 7);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (s, ' ');
          append_sentence (s, rand, vocab, G_N_ELEMENTS (vocab));
        }
      g_string_append (s, "\n\n");
    }
  g_string_truncate (s, s->len - 2);

  for (guint i = 0; i < G_N_ELEMENTS (vocab); i++)
    g_free (vocab[i]);
  return g_string_free (s, FALSE);
}

typedef struct
{
  GlossAnchorTarget target;
  char             *exact;
  char             *prefix;
  char             *suffix;
} Annotation;

/* Annotations spread evenly: whole sentences, phrases and single words. */
static Annotation *
make_annotations (const char *text)
{
  Annotation *a = g_new0 (Annotation, N_ANNOTATIONS);
  glong len = g_utf8_strlen (text, -1);
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (text, -1, NULL);

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      guint s = (guint) ((guint64) len * i / N_ANNOTATIONS), e;

      /* From the start of a sentence (or a word), to its end or a few words on. */
      while (s > 0 && !(u[s - 1] == ' ' && (i % 3 != 0 || u[s - 2] == '.')))
        s--;
      e = s;
      if (i % 3 == 0)
        while (e < len && u[e] != '.')
          e++;
      else
        for (guint w = 0; w < (i % 3 == 1 ? 4 : 1) && e < len; w++)
          {
            while (e < len && u[e] == ' ')
              e++;
            while (e < len && g_unichar_isalnum (u[e]))
              e++;
          }
      if (e <= s)
        e = s + 1;

      a[i].exact = g_ucs4_to_utf8 (u + s, e - s, NULL, NULL, NULL);
      a[i].prefix = g_ucs4_to_utf8 (u + MAX (0, (glong) s - CONTEXT), s - MAX (0, (glong) s - CONTEXT),
                                    NULL, NULL, NULL);
      a[i].suffix = g_ucs4_to_utf8 (u + e, MIN (len, e + CONTEXT) - e, NULL, NULL, NULL);
      a[i].target = (GlossAnchorTarget) { a[i].exact, a[i].prefix, a[i].suffix, s, e };
    }

  return a;
}

/* Light edits: a sentence inserted or deleted every 50 KB, straight quotes made curly. */
static char *
edit_lightly (const char *text)
{
  GString *s = g_string_new (NULL);
  gsize len = strlen (text);
  gboolean open = TRUE;

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && i % (50 * 1024) == 0)
        {
          const char *dot = strstr (text + i, ". ");

          if (dot != NULL && (i / (50 * 1024)) % 2 == 0)
            {
              g_string_append_len (s, text + i, dot + 2 - (text + i));
              g_string_append (s, "An editor added this sentence after publication. ");
              i = dot + 2 - text - 1;
              continue;
            }
          else if (dot != NULL)
            {
              const char *next = strstr (dot + 2, ". ");

              if (next != NULL)
                {
                  g_string_append_len (s, text + i, dot + 2 - (text + i));
                  i = next + 2 - text - 1;
                  continue;
                }
            }
        }
      if (text[i] == '"')
        {
          g_string_append (s, open ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
          open = !open;
        }
      else
        g_string_append_c (s, text[i]);
    }

  return g_string_free (s, FALSE);
}

/* The worst case: a typo in every annotated passage, so none is found as it was. */
static char *
edit_every_annotation (const char  *text,
                       Annotation  *a)
{
  g_autofree gunichar *u = NULL;
  glong len = 0;

  u = g_utf8_to_ucs4_fast (text, -1, &len);
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      guint s = a[i].target.start, e = a[i].target.end;
      guint k = s + (e - s) / 2;

      if (e - s >= 3 && k + 1 < len)
        {
          gunichar c = u[k];

          u[k] = u[k + 1] != c ? u[k + 1] : 'x';
          u[k + 1] = c;
        }
      else
        u[s] = u[s] == 'z' ? 'y' : 'z';
    }

  return g_ucs4_to_utf8 (u, len, NULL, NULL, NULL);
}

static void
run (const char *name,
     const char *text,
     Annotation *a)
{
  guint counts[GLOSS_ANCHOR_MATCH_ORPHANED + 1] = { 0 };
  g_autofree GlossAnchorTarget *targets = g_new (GlossAnchorTarget, N_ANNOTATIONS);
  g_autofree GlossAnchorResult *results = g_new (GlossAnchorResult, N_ANNOTATIONS);
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    targets[i] = a[i].target;

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      GlossAnchorer *anchorer = gloss_anchorer_new (text, -1);

      gloss_anchorer_resolve_all (anchorer, targets, N_ANNOTATIONS, results);
      gloss_anchorer_free (anchorer);
      best = MIN (best, (g_get_monotonic_time () - t0) / 1000.0);

      memset (counts, 0, sizeof counts);
      for (guint i = 0; i < N_ANNOTATIONS; i++)
        counts[results[i].match]++;
    }

  g_print ("| %s | %u | %.2f MB | %.1f ms | %u | %u | %u | %u | %u |\n", name, N_ANNOTATIONS,
           strlen (text) / (1024.0 * 1024.0), best, counts[GLOSS_ANCHOR_MATCH_EXACT],
           counts[GLOSS_ANCHOR_MATCH_MOVED], counts[GLOSS_ANCHOR_MATCH_FUZZY],
           counts[GLOSS_ANCHOR_MATCH_SUGGESTED], counts[GLOSS_ANCHOR_MATCH_ORPHANED]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261014);
  g_autofree char *text = make_article (rand);
  g_autofree char *light = edit_lightly (text);
  g_autofree char *worst = NULL;
  Annotation *a = make_annotations (text);

  worst = edit_every_annotation (text, a);

  g_print ("Command: `ninja -C _build tests/bench/bench-anchor && ./_build/tests/bench/bench-anchor`"
           " (best of %u runs, anchorer creation included)\n\n", RUNS);
  g_print ("| case | annotations | text | time | exact | moved | fuzzy | suggested | orphaned |\n");
  g_print ("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  run ("unchanged", text, a);
  run ("light edits", light, a);
  run ("worst case (every passage edited)", worst, a);

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      g_free (a[i].exact);
      g_free (a[i].prefix);
      g_free (a[i].suffix);
    }
  g_free (a);

  return 0;
}
