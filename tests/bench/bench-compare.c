/* bench-compare.c: quality and speed of finding shared passages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates pairs of unrelated articles of realistic prose (Zipf-distributed words from a
 * 20,000-word vocabulary, sentences and paragraphs), plants passages of 30 words in both,
 * with 10% of the words of the second copy changed (replaced, dropped or inserted), in a
 * different order, and measures:
 * - recall: planted passages found (a reported passage overlaps both copies);
 * - false shared words: words outside every planted passage reported as shared;
 * - time of gloss_compare_run() for 2 × 1 MB and 2 × 10 MB (best and median of RUNS, wall
 *   clock; and CPU time of both threads), and of `git diff --no-index --word-diff` on the same
 *   two files, for comparison. --no-git skips git; --profile [RUNS] runs only the 2 × 10 MB
 *   comparison, RUNS times (20), for a profiler.
 * Deterministic (fixed seeds). Prints a Markdown table.
 * Run: ninja -C _build tests/bench/bench-compare && ./_build/tests/bench/bench-compare
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gloss-compare.h"

#define VOCABULARY     20000
#define PASSAGE_WORDS  30
#define CHANGED_WORDS  3
#define BYTES_PER_PASSAGE (10 * 1024)
#define RUNS           5

static const char *common[] = {
  "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
  "his", "on", "be", "at", "by", "i", "this", "had", "not", "are", "but", "from", "or",
  "have", "an", "they", "which", "one", "you", "were", "her", "all", "she", "there", "would",
  "their", "we", "him", "been", "has", "when", "who", "will", "more", "no", "if", "out",
  "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only", "other",
  "new", "some", "could", "time", "these", "two", "may", "then", "do", "first", "any", "my",
  "now", "such", "like", "our", "over", "man", "me", "even", "most", "made", "after", "also",
  "did", "many", "before", "must", "through", "back", "years", "where", "much", "your", "way",
  "well", "down", "should", "because", "each", "just", "those", "people", "how", "too",
  "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work",
  "long", "get", "here", "between", "both", "life", "being", "under", "never", "day", "same",
  "another", "know", "while", "last", "might", "us", "great", "old", "year", "off", "come",
  "since", "against", "go", "came", "right", "used", "take", "three", "council", "bridge",
  "city", "government", "police", "minister", "week", "officials", "report", "told",
};

static const char *syllables[] = {
  "ba", "ri", "con", "del", "mor", "tan", "ves", "lo", "quin", "har", "bor", "wick", "sal",
  "ting", "ad", "ter", "mi", "nus", "pel", "ro", "gan", "fi", "el", "dor", "sca", "pe", "lin",
  "tho", "ra", "gu", "sem", "ber", "ent", "ion", "al", "ous", "mer", "stan", "cre", "vi",
};

typedef struct
{
  char  **words;
  double *cumulative;  /* Zipf: the word of rank r is drawn with probability ∝ 1 / r */
} Vocabulary;

typedef struct
{
  guint a_start, a_end;  /* code points (the text is ASCII: bytes) */
  guint b_start, b_end;
} Planted;

static Vocabulary *
vocabulary_new (void)
{
  Vocabulary *v = g_new0 (Vocabulary, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double total = 0.0;

  v->words = g_new0 (char *, VOCABULARY + 1);
  v->cumulative = g_new (double, VOCABULARY);
  for (guint i = 0; i < VOCABULARY; i++)
    {
      if (i < G_N_ELEMENTS (common))
        v->words[i] = g_strdup (common[i]);
      else
        do
          {
            GString *w = g_string_new (NULL);

            for (guint n = g_rand_int_range (rand, 1, 5); n > 0; n--)
              g_string_append (w, syllables[g_rand_int_range (rand, 0,
                                                              G_N_ELEMENTS (syllables))]);
            v->words[i] = g_string_free (w, FALSE);
            if (g_hash_table_contains (seen, v->words[i]))
              g_clear_pointer (&v->words[i], g_free);
          }
        while (v->words[i] == NULL);
      g_hash_table_add (seen, v->words[i]);
      total += 1.0 / (i + 1);
      v->cumulative[i] = total;
    }
  for (guint i = 0; i < VOCABULARY; i++)
    v->cumulative[i] /= total;

  return v;
}

static const char *
vocabulary_draw (Vocabulary *v,
                 GRand      *rand)
{
  double r = g_rand_double (rand);
  guint lo = 0, hi = VOCABULARY - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (v->cumulative[mid] < r)
        lo = mid + 1;
      else
        hi = mid;
    }
  return v->words[lo];
}

/* A sentence of 8 to 30 words, with the punctuation news prose has. */
static void
append_sentence (GString    *s,
                 Vocabulary *v,
                 GRand      *rand)
{
  guint n = g_rand_int_range (rand, 8, 31);

  for (guint i = 0; i < n; i++)
    {
      const char *word = vocabulary_draw (v, rand);

      if (i > 0)
        g_string_append (s, g_rand_int_range (rand, 0, 10) == 0 ? ", " : " ");
      if (g_rand_int_range (rand, 0, 25) == 0)
        g_string_append_printf (s, "%u", g_rand_int_range (rand, 2, 2000));
      else if (i == 0)
        {
          g_string_append_c (s, g_ascii_toupper (word[0]));
          g_string_append (s, word + 1);
        }
      else
        g_string_append (s, word);
    }
  g_string_append (s, g_rand_int_range (rand, 0, 8) == 0 ? ".\n\n" : ". ");
}

static char **
passage_words (Vocabulary *v,
               GRand      *rand)
{
  char **words = g_new0 (char *, PASSAGE_WORDS + 1);

  for (guint i = 0; i < PASSAGE_WORDS; i++)
    words[i] = g_strdup (vocabulary_draw (v, rand));
  return words;
}

/* The second copy: 10% of the words replaced, dropped or preceded by an inserted word. */
static char *
edit_passage (char      **words,
              Vocabulary *v,
              GRand      *rand)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean changed[PASSAGE_WORDS] = { FALSE };

  for (guint k = 0; k < CHANGED_WORDS;)
    {
      guint at = g_rand_int_range (rand, 0, PASSAGE_WORDS);

      if (!changed[at])
        changed[at] = TRUE, k++;
    }
  for (guint i = 0; i < PASSAGE_WORDS; i++)
    {
      guint how = g_rand_int_range (rand, 0, 3);

      if (!changed[i])
        g_string_append_printf (s, "%s ", words[i]);
      else if (how == 0)
        g_string_append_printf (s, "%s ", vocabulary_draw (v, rand));
      else if (how == 2)
        g_string_append_printf (s, "%s %s ", vocabulary_draw (v, rand), words[i]);
    }
  g_strchomp (s->str);
  return g_strdup (s->str);
}

/* Two unrelated articles of @size bytes with @n_planted passages planted in both. */
static void
generate (Vocabulary *v,
          gsize       size,
          guint       n_planted,
          guint32     seed,
          GString    *a,
          GString    *b,
          Planted    *planted)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint *order = g_new (guint, MAX (n_planted, 1));
  g_autofree char **copies = g_new0 (char *, MAX (n_planted, 1));
  gsize step = n_planted > 0 ? size / n_planted : size;

  for (guint i = 0; i < n_planted; i++)
    order[i] = i;
  for (guint i = n_planted; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i), t = order[i - 1];

      order[i - 1] = order[j], order[j] = t;
    }

  for (guint p = 0; p <= n_planted; p++)
    {
      gsize until = p == n_planted ? size
                    : MIN (size, (p + 1) * step - g_rand_int_range (rand, 0, step / 2 + 1));

      while (a->len < until)
        append_sentence (a, v, rand);
      if (p < n_planted)
        {
          g_auto(GStrv) words = passage_words (v, rand);
          g_autofree char *joined = g_strjoinv (" ", words);

          planted[p].a_start = a->len;
          g_string_append (a, joined);
          planted[p].a_end = a->len;
          g_string_append (a, ". ");
          copies[p] = edit_passage (words, v, rand);
        }
    }

  /* The second article has them in another order. */
  for (guint p = 0; p <= n_planted; p++)
    {
      gsize until = p == n_planted ? size
                    : MIN (size, (p + 1) * step - g_rand_int_range (rand, 0, step / 2 + 1));

      while (b->len < until)
        append_sentence (b, v, rand);
      if (p < n_planted)
        {
          guint which = order[p];

          planted[which].b_start = b->len;
          g_string_append (b, copies[which]);
          planted[which].b_end = b->len;
          g_string_append (b, ". ");
          g_free (copies[which]);
        }
    }
}

typedef struct
{
  guint  found;
  double false_shared;  /* fraction of the unplanted words of article a */
  guint  n_passages;
} Quality;

static Quality
measure_quality (GlossComparison *comparison,
                 const char      *a,
                 const Planted   *planted,
                 guint            n_planted)
{
  Quality q = { 0, 0.0, gloss_comparison_get_n_passages (comparison) };
  g_autofree GlossWord *words = NULL;
  g_autofree guint8 *shared = NULL;
  g_autofree guint8 *in_planted = NULL;
  const GlossSharedSpan *spans;
  guint n_words, n_spans, unplanted = 0, false_shared = 0;

  for (guint i = 0; i < n_planted; i++)
    for (guint p = 0; p < q.n_passages; p++)
      {
        GlossSharedPassage *passage = gloss_comparison_get_passage (comparison, p);
        const GlossPassageSpan *sa = gloss_shared_passage_get_span_in (passage, 0);
        const GlossPassageSpan *sb = gloss_shared_passage_get_span_in (passage, 1);

        if (sa->start < planted[i].a_end && sa->end > planted[i].a_start &&
            sb->start < planted[i].b_end && sb->end > planted[i].b_start)
          {
            q.found++;
            break;
          }
      }

  words = gloss_words_split (a, strlen (a), 0, &n_words);
  shared = g_new0 (guint8, n_words + 1);
  in_planted = g_new0 (guint8, n_words + 1);
  spans = gloss_comparison_get_shared_spans (comparison, 0, &n_spans);
  for (guint s = 0, w = 0; s < n_spans; s++)
    {
      while (w < n_words && words[w].start < spans[s].start)
        w++;
      for (guint k = w; k < n_words && words[k].end <= spans[s].end; k++)
        shared[k] = 1;
    }
  for (guint i = 0, w = 0; i < n_planted; i++)
    {
      while (w < n_words && words[w].start < planted[i].a_start)
        w++;
      for (guint k = w; k < n_words && words[k].end <= planted[i].a_end; k++)
        in_planted[k] = 1;
    }
  for (guint w = 0; w < n_words; w++)
    if (!in_planted[w])
      {
        unplanted++;
        false_shared += shared[w];
      }
  q.false_shared = unplanted > 0 ? (double) false_shared / unplanted : 0.0;

  return q;
}

/* CPU time of the process, both threads: what the comparison costs however busy the machine
 * is with other work. */
static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Seconds that `git diff --no-index --word-diff` takes on the pair, or < 0 without git. */
static double
time_git (const char *a,
          const char *b)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-compare-XXXXXX", NULL);
  g_autofree char *pa = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *pb = g_build_filename (dir, "b.txt", NULL);
  const char *argv[] = { "git", "diff", "--no-index", "--word-diff", "--no-color", "a.txt",
                         "b.txt", NULL };
  g_autoptr(GError) error = NULL;
  gint64 start;
  double seconds;
  int status;

  g_file_set_contents (pa, a, -1, NULL);
  g_file_set_contents (pb, b, -1, NULL);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (dir, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    seconds = -1.0;
  else
    seconds = (g_get_monotonic_time () - start) / 1e6;
  g_unlink (pa);
  g_unlink (pb);
  g_rmdir (dir);

  return seconds;
}

static void
run_case (Vocabulary *v,
          gsize       size,
          guint       n_planted,
          guint32     seed,
          gboolean    with_git)
{
  g_autoptr(GString) a = g_string_sized_new (size + 4096);
  g_autoptr(GString) b = g_string_sized_new (size + 4096);
  g_autofree Planted *planted = g_new0 (Planted, MAX (n_planted, 1));
  double times[RUNS], cpu[RUNS];
  const char *texts[2];
  Quality q = { 0 };
  double git = -1.0;

  generate (v, size, n_planted, seed, a, b, planted);
  texts[0] = a->str, texts[1] = b->str;

  for (guint r = 0; r < RUNS; r++)
    {
      double cpu_start = cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GlossComparison) comparison = gloss_compare_run (texts, 2, 0, NULL, NULL);

      times[r] = (g_get_monotonic_time () - start) / 1e3;
      cpu[r] = cpu_ms () - cpu_start;
      if (r == 0)
        q = measure_quality (comparison, a->str, planted, n_planted);
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);
  qsort (cpu, RUNS, sizeof (double), compare_doubles);

  if (with_git)
    git = time_git (a->str, b->str);

  printf ("| 2 × %.1f MB | %u | %u (%.1f%%) | %u | %.3f%% | %.1f ms | %.1f ms | %.1f ms | ",
          a->len / (1024.0 * 1024.0), n_planted, q.found,
          n_planted > 0 ? 100.0 * q.found / n_planted : 100.0, q.n_passages,
          100.0 * q.false_shared, times[0], times[RUNS / 2], cpu[RUNS / 2]);
  if (git >= 0)
    printf ("%.0f ms |\n", git * 1e3);
  else
    printf ("– |\n");
  fflush (stdout);
}

/* Only the comparison of the 2 × 10 MB pair, @runs times, for a profiler (perf record):
 * the other cases, the quality measures and git would take most of the samples. */
static void
profile (Vocabulary *v,
         guint       runs)
{
  gsize size = 10 * 1024 * 1024;
  guint n_planted = size / BYTES_PER_PASSAGE;
  g_autoptr(GString) a = g_string_sized_new (size + 4096);
  g_autoptr(GString) b = g_string_sized_new (size + 4096);
  g_autofree Planted *planted = g_new0 (Planted, n_planted);
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  const char *texts[2];

  generate (v, size, n_planted, 14, a, b, planted);
  texts[0] = a->str, texts[1] = b->str;
  for (guint r = 0; r < runs; r++)
    {
      double cpu_start = cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GlossComparison) comparison = gloss_compare_run (texts, 2, 0, NULL, NULL);

      times[r] = (g_get_monotonic_time () - start) / 1e3;
      cpu[r] = cpu_ms () - cpu_start;
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  printf ("2 × 10 MB, %u runs: best %.1f ms, median %.1f ms; CPU best %.1f ms, median %.1f ms\n",
          runs, times[0], times[runs / 2], cpu[0], cpu[runs / 2]);
}

int
main (int    argc,
      char **argv)
{
  Vocabulary *v = vocabulary_new ();
  gboolean git = !(argc > 1 && g_str_equal (argv[1], "--no-git"));

  /* --profile [RUNS] */
  if (argc > 1 && g_str_equal (argv[1], "--profile"))
    {
      profile (v, argc > 2 ? (guint) MAX (1, atoi (argv[2])) : 20);
      g_strfreev (v->words);
      g_free (v->cumulative);
      g_free (v);
      return 0;
    }

  printf ("| articles | planted | found | passages | false shared words | best | median "
          "| CPU (median) | git diff --word-diff |\n");
  printf ("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  run_case (v, 1024 * 1024, 0, 11, FALSE);
  run_case (v, 1024 * 1024, 1024 * 1024 / BYTES_PER_PASSAGE, 12, git);
  run_case (v, 1024 * 1024, 1000, 13, FALSE);
  run_case (v, 10 * 1024 * 1024, 10 * 1024 * 1024 / BYTES_PER_PASSAGE, 14, git);

  g_strfreev (v->words);
  g_free (v->cumulative);
  g_free (v);
  return 0;
}
