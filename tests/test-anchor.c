/* test-anchor.c: re-attaching annotations to changed article texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides small cases, this builds a corpus of edits on real article texts (the samples
 * and a story of our own with boilerplate, a pull quote and look-alike sentences): spans
 * of every size are annotated, each kind of edit is applied, and the expected place of
 * each span (or that it is gone) is tracked through the edit. The thresholds in
 * gloss-anchor.c were measured on it; the test asserts that nothing attaches to a wrong
 * place and that each kind of edit gives the states it should.
 */

#include "config.h"

#include "gloss-anchor.h"
#include "gloss-text-folding.h"
#include "test-utils.h"

#define CONTEXT 32

/* Code points, as the corpus edits them. */
typedef GArray Text;

static Text *
text_new (const char *utf8)
{
  g_autofree gunichar *u = NULL;
  glong n = 0;
  Text *t = g_array_new (FALSE, FALSE, sizeof (gunichar));

  u = g_utf8_to_ucs4_fast (utf8, -1, &n);
  g_array_append_vals (t, u, n);
  return t;
}

static Text *
text_copy (Text *t)
{
  Text *c = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), t->len);

  g_array_append_vals (c, t->data, t->len);
  return c;
}

#define CH(t, i) g_array_index ((t), gunichar, (i))

static char *
text_utf8 (Text  *t,
           guint  start,
           guint  end)
{
  start = MIN (start, t->len);
  end = MIN (MAX (end, start), t->len);
  return g_ucs4_to_utf8 (&CH (t, 0) + start, end - start, NULL, NULL, NULL);
}

/* The place of the annotated span through the edits, or gone. */
typedef struct
{
  guint    start;
  guint    end;
  gboolean changed;  /* its own text was edited (not only typographically) */
  gboolean gone;
} Expect;

static void
splice (Text       *t,
        guint       pos,
        guint       del,
        const char *ins,
        gboolean    typographic,
        Expect     *e)
{
  g_autofree gunichar *u = NULL;
  glong n = 0;
  gint delta;

  u = g_utf8_to_ucs4_fast (ins, -1, &n);
  g_array_remove_range (t, pos, del);
  g_array_insert_vals (t, pos, u, n);
  delta = (gint) n - (gint) del;

  if (e->gone)
    return;
  if (pos + del <= e->start && !(del > 0 && pos + del == e->start && e->start == e->end))
    e->start += delta, e->end += delta;
  else if (pos >= e->end)
    ;
  else if (pos >= e->start && pos + del <= e->end)
    {
      e->end += delta;
      e->changed |= !typographic;
    }
  else if (pos <= e->start && pos + del >= e->end)
    e->gone = TRUE;
  else
    {
      e->changed = TRUE;
      if (pos < e->start)
        e->start = pos, e->end += delta;
      else
        e->end = pos + n;
    }
}

static gboolean
is_word_char (gunichar c)
{
  return gloss_unichar_is_word (c);
}

static gboolean
is_sentence_end (Text  *t,
                 guint  i)
{
  gunichar c = CH (t, i);
  guint j = i + 1;

  if (c != '.' && c != '?' && c != '!')
    return FALSE;
  while (j < t->len && (CH (t, j) == 0x201D || CH (t, j) == '"' || CH (t, j) == 0x2019))
    j++;
  return j == t->len || CH (t, j) == ' ' || CH (t, j) == '\n';
}

/* The sentence around @pos: [start, end) without the space after it. */
static void
find_sentence (Text  *t,
               guint  pos,
               guint *start,
               guint *end)
{
  guint s = pos, e = pos;

  while (s > 0 && CH (t, s - 1) != '\n' &&
         !(CH (t, s - 1) == ' ' && s >= 2 && is_sentence_end (t, s - 2)))
    s--;
  while (e < t->len && CH (t, e) != '\n' && !is_sentence_end (t, e))
    e++;
  if (e < t->len && CH (t, e) != '\n')
    {
      e++;
      while (e < t->len && (CH (t, e) == 0x201D || CH (t, e) == '"' || CH (t, e) == 0x2019))
        e++;
    }
  *start = s;
  *end = e;
}

static void
find_block (Text  *t,
            guint  pos,
            guint *start,
            guint *end)
{
  guint s = pos, e = pos;

  while (s > 0 && !(CH (t, s - 1) == '\n' && s >= 2 && CH (t, s - 2) == '\n'))
    s--;
  while (e < t->len && !(CH (t, e) == '\n' && e + 1 < t->len && CH (t, e + 1) == '\n'))
    e++;
  *start = s;
  *end = e;
}

typedef enum
{
  SPAN_SENTENCE,
  SPAN_PHRASE,
  SPAN_WORD,
  SPAN_COMMON_WORD,
  SPAN_NUMBER,
  SPAN_PARAGRAPH,
  N_SPAN_KINDS
} SpanKind;

typedef struct
{
  SpanKind kind;
  guint    start;
  guint    end;
  gboolean interior;  /* its stored context lies inside its paragraph */
  gboolean repeated;  /* its text occurs more than once */
  gboolean near_end;  /* within 1,000 code points of the end of the text */
} Span;

static void
add_span (GArray   *spans,
          SpanKind  kind,
          guint     start,
          guint     end)
{
  Span s = { kind, start, end, FALSE, FALSE, FALSE };

  for (guint i = 0; i < spans->len; i++)
    if (g_array_index (spans, Span, i).start == start && g_array_index (spans, Span, i).end == end)
      return;
  if (end > start)
    g_array_append_val (spans, s);
}

/* Word ranges of [start, end). */
static GArray *
words_of (Text  *t,
          guint  start,
          guint  end)
{
  GArray *w = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

  for (guint i = start; i < end;)
    {
      guint r[2];

      while (i < end && !is_word_char (CH (t, i)))
        i++;
      r[0] = i;
      while (i < end && (is_word_char (CH (t, i)) ||
                         (CH (t, i) == ',' && i + 1 < end && g_unichar_isdigit (CH (t, i + 1)))))
        i++;
      r[1] = i;
      if (r[1] > r[0])
        g_array_append_val (w, r);
    }
  return w;
}

#define WORD(w, i, k) (((guint *) (w)->data)[(i) * 2 + (k)])

/* Spans of every kind, spread over the text. */
static GArray *
choose_spans (Text *t)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  guint n_sentence = 0;

  for (guint pos = 0; pos < t->len;)
    {
      guint ss, se;
      g_autoptr(GArray) w = NULL;

      while (pos < t->len && (CH (t, pos) == ' ' || CH (t, pos) == '\n'))
        pos++;
      if (pos >= t->len)
        break;
      find_sentence (t, pos, &ss, &se);
      w = words_of (t, ss, se);
      n_sentence++;

      if (se - ss >= 20 && n_sentence % 2 == 0)
        add_span (spans, SPAN_SENTENCE, ss, se);
      if (w->len >= 7 && n_sentence % 2 == 1)
        add_span (spans, SPAN_PHRASE, WORD (w, 2, 0), WORD (w, 5, 1));
      for (guint i = 0; i < w->len; i++)
        {
          guint a = WORD (w, i, 0), b = WORD (w, i, 1);
          g_autofree char *word = text_utf8 (t, a, b);

          if (g_unichar_isdigit (CH (t, a)) && n_sentence % 2 == 0)
            add_span (spans, SPAN_NUMBER, a, b);
          else if (b - a >= 9 && n_sentence % 3 == 0)
            add_span (spans, SPAN_WORD, a, b);
          else if ((g_str_equal (word, "the") || g_str_equal (word, "bridge")) &&
                   n_sentence % 4 == 1)
            add_span (spans, SPAN_COMMON_WORD, a, b);
        }
      if (n_sentence % 7 == 3)
        {
          guint bs, be;

          find_block (t, ss, &bs, &be);
          if (be - bs > 40)
            add_span (spans, SPAN_PARAGRAPH, bs, be);
        }
      pos = MAX (se, pos + 1);
    }

  return spans;
}

typedef enum
{
  EDIT_NONE,
  EDIT_INSERT_FAR,
  EDIT_DELETE_BEFORE,
  EDIT_INSERT_ADJACENT,
  EDIT_TYPO,
  EDIT_WORD,
  EDIT_NUMBER,
  EDIT_DELETE_SENTENCE,
  EDIT_MOVE_PARAGRAPH,
  EDIT_QUOTES,
  EDIT_DASHES,
  EDIT_CASE,
  EDIT_LIGATURES,
  EDIT_ELLIPSIS,
  EDIT_NBSP,
  EDIT_REWRITE,
  EDIT_REWRITE_ALL,
  EDIT_DUPLICATE,
  N_EDITS
} EditKind;

static const char *edit_names[N_EDITS] = {
  "unchanged", "insert-far", "delete-before", "insert-adjacent", "typo", "word-change",
  "number-change", "delete-sentence", "move-paragraph", "quote-style", "dash-style",
  "case-change", "ligatures", "ellipsis", "nbsp", "rewrite", "rewrite-all",
  "duplicate-paragraph",
};

static const char *inserted[] = {
  "A spokesperson for the regional transport authority declined to comment on Thursday.",
  "Weather forecasters expect heavy rain across the district later in the week.",
  "The harbour master confirmed that the tide tables had been revised.",
  "Residents were invited to a public meeting at the library next month.",
};

static const char *replacement_words[] = { "remarkably", "councillors", "overnight", "quietly" };

/* Replaces every occurrence of @from (one code point) by @to, whole text. */
static void
replace_all (Text       *t,
             gunichar    from,
             const char *to,
             Expect     *e)
{
  for (guint i = t->len; i-- > 0;)
    if (CH (t, i) == from)
      splice (t, i, 1, to, TRUE, e);
}

/* Applies @kind to a copy of @old for @span. Returns NULL when it does not apply. */
static Text *
apply_edit (Text     *old,
            EditKind  kind,
            Span     *span,
            Text    **old_out,
            Expect   *e)
{
  Text *t = text_copy (old);
  guint ss, se, bs, be;
  g_autoptr(GArray) w = words_of (old, span->start, span->end);

  *old_out = NULL;
  *e = (Expect) { span->start, span->end, FALSE, FALSE };
  find_sentence (old, span->start, &ss, &se);
  find_block (old, span->start, &bs, &be);

  switch (kind)
    {
    case EDIT_NONE:
      return t;

    case EDIT_INSERT_FAR:
      if (bs < 2)
        splice (t, 0, 0, "Breaking: a new paragraph was added at the top.\n\n", FALSE, e);
      else
        {
          guint fs, fe;

          find_block (t, 0, &fs, &fe);
          splice (t, fe, 0, " ", FALSE, e);
          splice (t, fe + 1, 0, inserted[span->start % G_N_ELEMENTS (inserted)], FALSE, e);
        }
      return t;

    case EDIT_DELETE_BEFORE:
      {
        guint ps, pe, xs, xe;

        if (bs < 2)
          break;
        find_block (t, bs - 2, &ps, &pe);
        find_sentence (t, ps, &xs, &xe);
        /* The sentence and the space after it, or the whole paragraph. */
        if (xe < pe)
          splice (t, xs, xe + 1 - xs, "", FALSE, e);
        else
          splice (t, ps, pe + 2 - ps, "", FALSE, e);
        return t;
      }

    case EDIT_INSERT_ADJACENT:
      {
        g_autofree char *s = g_strconcat (inserted[ss % G_N_ELEMENTS (inserted)], " ", NULL);

        splice (t, ss, 0, s, FALSE, e);
        return t;
      }

    case EDIT_TYPO:
      for (guint i = 0; i < w->len; i++)
        {
          guint a = WORD (w, i, 0), b = WORD (w, i, 1);

          if (b - a >= 5 && CH (t, a + 2) != CH (t, a + 3) && g_unichar_isalpha (CH (t, a + 2)))
            {
              char s[14] = { 0 };

              g_unichar_to_utf8 (CH (t, a + 3), s);
              g_unichar_to_utf8 (CH (t, a + 2), s + strlen (s));
              splice (t, a + 2, 2, s, FALSE, e);
              return t;
            }
        }
      break;

    case EDIT_WORD:
      for (guint i = w->len / 2; i < w->len; i++)
        {
          guint a = WORD (w, i, 0), b = WORD (w, i, 1);

          if (b - a >= 3 && g_unichar_isalpha (CH (t, a)))
            {
              splice (t, a, b - a, replacement_words[i % G_N_ELEMENTS (replacement_words)],
                      FALSE, e);
              return t;
            }
        }
      break;

    case EDIT_NUMBER:
      for (guint i = span->start; i < span->end; i++)
        if (g_unichar_isdigit (CH (t, i)))
          {
            char s[2] = { '0' + (g_unichar_digit_value (CH (t, i)) + 1) % 10, 0 };

            splice (t, i, 1, s, FALSE, e);
            return t;
          }
      break;

    case EDIT_DELETE_SENTENCE:
      if (span->end > se || span->start < ss)
        break;
      if (se < t->len && CH (t, se) == ' ')
        splice (t, ss, se + 1 - ss, "", FALSE, e);
      else if (ss >= 1 && CH (t, ss - 1) == ' ')
        splice (t, ss - 1, se + 1 - ss, "", FALSE, e);
      else if (be + 2 <= t->len)
        splice (t, bs, be + 2 - bs, "", FALSE, e);  /* a one-sentence paragraph */
      else if (bs >= 2)
        splice (t, bs - 2, be + 2 - bs, "", FALSE, e);
      else
        break;
      return t;

    case EDIT_MOVE_PARAGRAPH:
      {
        g_autofree char *para = text_utf8 (old, bs, be);
        g_autofree char *moved = NULL;
        Expect in_para = *e;

        if (be + 2 <= t->len)
          {
            /* To the end. */
            moved = g_strconcat ("\n\n", para, NULL);
            g_array_remove_range (t, bs, be + 2 - bs);
            in_para.start = in_para.start - bs + t->len + 2;
            in_para.end = in_para.end - bs + t->len + 2;
            {
              Expect dummy = { 0, 0, FALSE, TRUE };

              splice (t, t->len, 0, moved, FALSE, &dummy);
            }
          }
        else if (bs >= 2)
          {
            /* The last paragraph, to the start. */
            moved = g_strconcat (para, "\n\n", NULL);
            g_array_remove_range (t, bs - 2, be + 2 - bs);
            in_para.start -= bs;
            in_para.end -= bs;
            {
              Expect dummy = { 0, 0, FALSE, TRUE };

              splice (t, 0, 0, moved, FALSE, &dummy);
            }
          }
        else
          break;
        *e = in_para;
        return t;
      }

    case EDIT_QUOTES:
      replace_all (t, 0x201C, "\"", e);
      replace_all (t, 0x201D, "\"", e);
      replace_all (t, 0x2019, "'", e);
      replace_all (t, 0x2018, "'", e);
      return t;

    case EDIT_DASHES:
      replace_all (t, 0x2014, "--", e);
      replace_all (t, 0x2013, "-", e);
      return t;

    case EDIT_CASE:
      for (guint i = ss; i < se; i++)
        CH (t, i) = g_unichar_toupper (CH (t, i));
      return t;

    case EDIT_LIGATURES:
      for (guint i = t->len - 1; i-- > 0;)
        if (CH (t, i) == 'f' && CH (t, i + 1) == 'i')
          splice (t, i, 2, "\xef\xac\x81", TRUE, e);
      return t;

    case EDIT_ELLIPSIS:
      for (guint i = t->len; i-- > 0;)
        if (CH (t, i) == 0x2026)
          splice (t, i, 1, "...", TRUE, e);
      return t;

    case EDIT_NBSP:
      {
        /* The annotation was made on a text that had no-break spaces in the span (an older
         * text model kept them); the current one has plain spaces. */
        Text *o = text_copy (old);

        for (guint i = span->start; i < span->end; i++)
          if (CH (o, i) == ' ')
            CH (o, i) = 0x00A0;
        *old_out = o;
        return t;
      }

    case EDIT_REWRITE:
      /* Every letter and digit of the sentence changes. */
      if (span->start < ss || span->end > se)
        break;
      for (guint i = ss; i < se; i++)
        {
          gunichar c = CH (t, i);

          if (c >= 'a' && c <= 'z')
            CH (t, i) = 'a' + (c - 'a' + 7) % 26;
          else if (c >= 'A' && c <= 'Z')
            CH (t, i) = 'A' + (c - 'A' + 7) % 26;
          else if (c >= '0' && c <= '9')
            CH (t, i) = '0' + (c - '0' + 3) % 10;
        }
      e->changed = TRUE;
      e->gone = TRUE;
      return t;

    case EDIT_REWRITE_ALL:
      /* A different article: every letter and digit changes, the layout stays. */
      for (guint i = 0; i < t->len; i++)
        {
          gunichar c = CH (t, i);

          if (c >= 'a' && c <= 'z')
            CH (t, i) = 'a' + (c - 'a' + 11) % 26;
          else if (c >= 'A' && c <= 'Z')
            CH (t, i) = 'A' + (c - 'A' + 11) % 26;
          else if (c >= '0' && c <= '9')
            CH (t, i) = '0' + (c - '0' + 7) % 10;
        }
      e->changed = TRUE;
      e->gone = TRUE;
      return t;

    case EDIT_DUPLICATE:
      {
        /* A copy of the paragraph (boilerplate, a repeated caption) appears at the end,
         * and a paragraph at the top moves everything: the annotation must keep to the
         * copy it was made on. (A copy put exactly where the original was, with the same
         * context, could not be told apart from it: that is what an unchanged text is.) */
        g_autofree char *para = text_utf8 (old, bs, be);
        g_autofree char *copy = g_strconcat ("\n\n", para, NULL);

        splice (t, t->len, 0, copy, FALSE, e);
        splice (t, 0, 0, "Updated: this story was corrected after publication.\n\n", FALSE, e);
        return t;
      }

    case N_EDITS:
    default:
      g_assert_not_reached ();
    }

  g_array_unref (t);
  return NULL;
}

/* A story of our own, with what the samples lack: repeated boilerplate, a pull quote that
 * copies a sentence of the body, look-alike sentences, numbers, ellipses and ligatures. */
static const char story[] =
  "Water bills to rise as utility plans \xe2\x80\x9c" "fifty-year\xe2\x80\x9d pipe renewal\n\n"
  "By Tamsin Rowe, Valley Tribune\n\n"
  "Households across the valley will pay about \xc2\xa3" "48 more a year for water from April, "
  "after the regulator approved a \xc2\xa3" "312 million plan to replace ageing mains. The "
  "utility said the increase would fund the first five years of the work.\n\n"
  "Sign up for our morning newsletter to get the day's top stories.\n\n"
  "Engineers estimate that 1,450 kilometres of cast-iron pipe were laid before 1960, and "
  "that a fifth of the water put into supply is lost through leaks. \xe2\x80\x9cWe are "
  "fixing the oldest pipes first,\xe2\x80\x9d said chief engineer Amrit Basra \xe2\x80\x94 "
  "a promise the utility has made before\xe2\x80\xa6 and kept only in part.\n\n"
  "The council will meet again on Friday to discuss the repairs. Officials said the "
  "roadworks would be phased to keep at least one lane open on the main routes.\n\n"
  "Sign up for our morning newsletter to get the day's top stories.\n\n"
  "Campaigners welcomed the plan but questioned its pace. \xe2\x80\x9c" "At this rate it will "
  "take until 2075 to finish,\xe2\x80\x9d said Orla Pryce of the Valley Water Forum. She "
  "noted that bills had already risen by 9% last year...\n\n"
  "\xe2\x80\x9cWe are fixing the oldest pipes first.\xe2\x80\x9d\n\n"
  "The council will meet again on Monday to discuss the budget. A final decision on the "
  "2027 charges is expected in March, when the figures are confirmed by the regulator.\n\n"
  "Sign up for our morning newsletter to get the day's top stories.\n\n"
  "Photo: A burst main on Mill Street flooded three shops in February. (Valley Tribune)";

typedef struct
{
  guint n_cases;
  guint right;      /* exact or moved, at the right place */
  guint flagged;    /* fuzzy, at the right place */
  guint suggested;
  guint suggested_right;
  guint orphaned;
  guint wrong;      /* attached to a wrong place, or a changed quote called unchanged */
  guint missed;     /* a kind of edit that must attach did not */
} Counts;

static void
counts_add (Counts       *c,
            const Counts *d)
{
  c->n_cases += d->n_cases;
  c->right += d->right;
  c->flagged += d->flagged;
  c->suggested += d->suggested;
  c->suggested_right += d->suggested_right;
  c->orphaned += d->orphaned;
  c->wrong += d->wrong;
  c->missed += d->missed;
}

static gboolean
near_range (guint a,
            guint b,
            guint x,
            guint y)
{
  guint overlap = MIN (b, y) > MAX (a, x) ? MIN (b, y) - MAX (a, x) : 0;
  guint span = MAX (b, y) - MIN (a, x);

  return overlap * 10 >= span * 8;
}

/* Whether an edit of @kind must leave @span attached (exact or moved). */
static gboolean
must_attach (EditKind  kind,
             Span     *span,
             guint     quote_len)
{
  switch (kind)
    {
    case EDIT_NONE:
    case EDIT_INSERT_FAR:
    case EDIT_DELETE_BEFORE:
    case EDIT_QUOTES:
    case EDIT_DASHES:
    case EDIT_CASE:
    case EDIT_LIGATURES:
    case EDIT_ELLIPSIS:
    case EDIT_NBSP:
      return TRUE;
    case EDIT_INSERT_ADJACENT:
      /* One side of the context is new: enough for a long quote found once. */
      return quote_len >= 16 && !span->repeated;
    case EDIT_DUPLICATE:
      /* A copy about as near to the old place as the original leaves a suggestion. */
      return !span->near_end;
    case EDIT_MOVE_PARAGRAPH:
      /* A short quote far from its old place only suggests, since a copy of it with the
       * same context elsewhere cannot be told apart; so does a passage whose context
       * changed on both sides, which could as well be a surviving copy of boilerplate. */
      return span->interior && quote_len >= 16;
    default:
      return FALSE;
    }
}

static void
run_case (Text     *old,
          Text     *new_text,
          Span     *span,
          EditKind  kind,
          Expect   *e,
          Counts   *c)
{
  g_autofree char *exact = text_utf8 (old, span->start, span->end);
  g_autofree char *prefix = text_utf8 (old, span->start > CONTEXT ? span->start - CONTEXT : 0,
                                       span->start);
  g_autofree char *suffix = text_utf8 (old, span->end, span->end + CONTEXT);
  g_autofree char *utf8 = text_utf8 (new_text, 0, new_text->len);
  g_autoptr(GlossAnchorer) anchorer = gloss_anchorer_new (utf8, -1);
  GlossAnchorTarget target = { exact, prefix, suffix, span->start, span->end };
  GlossAnchorResult r;
  gboolean wrong = FALSE;

  gloss_anchorer_resolve (anchorer, &target, &r);
  c->n_cases++;

  if (gloss_anchor_match_is_attached (r.match))
    {
      if (e->gone)
        wrong = TRUE;
      else if (r.match == GLOSS_ANCHOR_MATCH_FUZZY)
        wrong = !near_range (r.start, r.end, e->start, e->end);
      else
        wrong = e->changed || r.start != e->start || r.end != e->end;

      if (wrong)
        c->wrong++;
      else if (r.match == GLOSS_ANCHOR_MATCH_FUZZY)
        c->flagged++;
      else
        c->right++;
    }
  else if (r.match == GLOSS_ANCHOR_MATCH_SUGGESTED)
    {
      c->suggested++;
      if (!e->gone && near_range (r.start, r.end, e->start, e->end))
        c->suggested_right++;
    }
  else
    c->orphaned++;

  if (!e->gone && !e->changed && must_attach (kind, span, span->end - span->start) &&
      !(r.match == GLOSS_ANCHOR_MATCH_EXACT || r.match == GLOSS_ANCHOR_MATCH_MOVED))
    c->missed++;
  if (kind == EDIT_NONE && r.match != GLOSS_ANCHOR_MATCH_EXACT)
    c->missed++;

  if (wrong || (g_test_verbose () && !e->gone && !e->changed &&
                must_attach (kind, span, span->end - span->start) &&
                !(r.match == GLOSS_ANCHOR_MATCH_EXACT || r.match == GLOSS_ANCHOR_MATCH_MOVED)))
    {
      g_autofree char *got = text_utf8 (new_text, r.start, r.end);
      g_autofree char *want = e->gone ? g_strdup ("(gone)") : text_utf8 (new_text, e->start, e->end);

      g_test_message ("%s %s: “%s” → %s %u–%u “%s” (score %.2f), want %u–%u “%s”",
                      wrong ? "WRONG" : "missed", edit_names[kind], exact,
                      gloss_anchor_match_to_string (r.match), r.start, r.end, got, r.score,
                      e->start, e->end, want);
    }
}

static guint
count_occurrences (Text  *t,
                   guint  start,
                   guint  end)
{
  guint n = 0;

  for (guint a = 0; a + (end - start) <= t->len; a++)
    if (memcmp (&CH (t, a), &CH (t, start), (end - start) * sizeof (gunichar)) == 0)
      n++;
  return n;
}

static void
run_corpus (Text   *old,
            Counts  per_kind[N_EDITS])
{
  g_autoptr(GArray) spans = choose_spans (old);

  for (EditKind kind = 0; kind < N_EDITS; kind++)
    for (guint i = 0; i < spans->len; i++)
      {
        Span *span = &g_array_index (spans, Span, i);
        Text *old_version = NULL;
        Text *new_text;
        Expect e;
        guint bs, be;

        find_block (old, span->start, &bs, &be);
        span->interior = span->start >= bs + CONTEXT && span->end + CONTEXT <= be;
        span->repeated = count_occurrences (old, span->start, span->end) > 1;
        span->near_end = span->end + 1000 > old->len;

        new_text = apply_edit (old, kind, span, &old_version, &e);
        if (new_text == NULL)
          continue;
        run_case (old_version != NULL ? old_version : old, new_text, span, kind, &e,
                  &per_kind[kind]);
        g_array_unref (new_text);
        g_clear_pointer (&old_version, g_array_unref);
      }
}

static Text *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name,
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArticle) article = gloss_article_load (file, NULL, &error);

  g_assert_no_error (error);
  return text_new (gloss_article_get_text (article));
}

static void
test_corpus (void)
{
  const char *samples[] = { "coastal-courier.txt", "harbor-gazette.md", "valley-tribune.html" };
  Counts per_kind[N_EDITS] = { { 0 } };
  Counts total = { 0 };

  for (guint i = 0; i <= G_N_ELEMENTS (samples); i++)
    {
      Text *old = i < G_N_ELEMENTS (samples) ? load_sample (samples[i]) : text_new (story);

      run_corpus (old, per_kind);
      g_array_unref (old);
    }

  g_test_message ("| edit | cases | right | flagged | suggested (right place) | orphaned | wrong |");
  g_test_message ("| --- | --- | --- | --- | --- | --- | --- |");
  for (EditKind kind = 0; kind < N_EDITS; kind++)
    {
      Counts *c = &per_kind[kind];

      g_test_message ("| %s | %u | %u | %u | %u (%u) | %u | %u |", edit_names[kind],
                      c->n_cases, c->right, c->flagged, c->suggested, c->suggested_right,
                      c->orphaned, c->wrong);
      counts_add (&total, c);
    }
  g_test_message ("| all | %u | %u | %u | %u (%u) | %u | %u |", total.n_cases, total.right,
                  total.flagged, total.suggested, total.suggested_right, total.orphaned,
                  total.wrong);

  g_assert_cmpuint (total.n_cases, >, 1000);
  /* Never attached to a wrong passage, nor a changed quote called unchanged. */
  g_assert_cmpuint (total.wrong, ==, 0);
  /* Unchanged texts, edits elsewhere and typographic changes never detach. */
  g_assert_cmpuint (total.missed, ==, 0);
  /* A typo fixed inside a passage mostly leaves it attached, flagged (measured: 77%). */
  g_assert_cmpuint (per_kind[EDIT_TYPO].flagged * 10, >=, per_kind[EDIT_TYPO].n_cases * 7);
  /* Deleted and rewritten passages never attach anywhere (wrong counts them). */
  g_assert_cmpuint (per_kind[EDIT_DELETE_SENTENCE].right + per_kind[EDIT_DELETE_SENTENCE].flagged,
                    ==, 0);
  g_assert_cmpuint (per_kind[EDIT_REWRITE_ALL].orphaned, ==, per_kind[EDIT_REWRITE_ALL].n_cases);
}

/* Resolves the @nth occurrence (from 0) of @quote in @old against @new_text. */
static GlossAnchorMatch
resolve_in (const char *old,
            const char *quote,
            guint       nth,
            const char *new_text,
            guint      *start,
            guint      *end)
{
  g_autoptr(GArray) t = text_new (old);
  g_autoptr(GlossAnchorer) anchorer = gloss_anchorer_new (new_text, -1);
  const char *at = old;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  GlossAnchorTarget target;
  GlossAnchorResult r;
  guint s, e;

  for (guint i = 0; i <= nth; i++)
    {
      at = strstr (i == 0 ? at : at + 1, quote);
      g_assert_nonnull (at);
    }
  s = g_utf8_pointer_to_offset (old, at);
  e = s + g_utf8_strlen (quote, -1);
  prefix = text_utf8 (t, s > CONTEXT ? s - CONTEXT : 0, s);
  suffix = text_utf8 (t, e, e + CONTEXT);
  target = (GlossAnchorTarget) { quote, prefix, suffix, s, e };
  gloss_anchorer_resolve (anchorer, &target, &r);
  if (start != NULL)
    *start = r.start;
  if (end != NULL)
    *end = r.end;

  return r.match;
}

static guint
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *at = text;

  for (guint i = 0; i <= nth; i++)
    at = strstr (i == 0 ? at : at + 1, needle);
  g_assert_nonnull (at);

  return g_utf8_pointer_to_offset (text, at);
}

static void
test_folding (void)
{
  const char *text = "\xe2\x80\x9c" "Fine\xe2\x80\x9d \xe2\x80\x94 it\xe2\x80\x99s "
                     "\xef\xac\x81xed\xe2\x80\xa6  OK";
  g_autofree gunichar *u = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GlossFoldedText) f = NULL;
  glong n = 0;

  u = g_utf8_to_ucs4_fast (text, -1, &n);
  f = gloss_folded_text_new (u, n, TRUE);
  folded = g_ucs4_to_utf8 (f->chars, f->len, NULL, NULL, NULL);
  g_assert_cmpstr (folded, ==, "\"fine\"-it's fixed... ok");

  /* "fixed" maps back over the ligature, whole. */
  g_assert_cmpuint (f->to_text[12], ==, 14);
  g_assert_cmpuint (f->to_text[13], ==, 14);
  g_assert_cmpuint (gloss_folded_text_to_text_end (f, 13), ==, 15);
  /* The ellipsis is one code point of the text, never cut. */
  g_assert_cmpuint (gloss_folded_text_to_text_end (f, 18), ==, 19);
  g_assert_cmpuint (gloss_folded_text_to_text_end (f, 20), ==, 19);
  g_assert_cmpuint (f->to_folded[0], ==, 0);
  g_assert_cmpuint (f->to_folded[n], ==, f->len);

  {
    guint len = 0;
    g_autofree gunichar *q = gloss_text_fold_utf8 ("Bridge \xe2\x80\x93 IT\xe2\x80\x99S", &len);
    g_autofree char *s = g_ucs4_to_utf8 (q, len, NULL, NULL, NULL);

    g_assert_cmpstr (s, ==, "bridge-it's");
  }
}

static void
test_exact_and_moved (void)
{
  const char *old = "The bridge closed at 11.40pm on Tuesday. Ferries ran all night.";
  const char *new_text = "Update: The bridge closed at 11.40pm on Tuesday. Ferries ran all night.";
  guint s, e;

  g_assert_cmpint (resolve_in (old, "Ferries ran all night.", 0, old, &s, &e), ==,
                   GLOSS_ANCHOR_MATCH_EXACT);
  g_assert_cmpuint (s, ==, offset_of (old, "Ferries", 0));
  g_assert_cmpint (resolve_in (old, "Ferries ran all night.", 0, new_text, &s, &e), ==,
                   GLOSS_ANCHOR_MATCH_MOVED);
  g_assert_cmpuint (s, ==, offset_of (new_text, "Ferries", 0));
  g_assert_cmpuint (e, ==, s + 22);
}

static void
test_typography (void)
{
  const char *old = "He said: \"We will not ask anyone to cross\" -- and left. It is fine.";
  const char *new_text = "He said: \xe2\x80\x9cWe will not ask anyone to cross\xe2\x80\x9d "
                         "\xe2\x80\x94 and left. It is \xef\xac\x81ne.";
  guint s, e;

  g_assert_cmpint (resolve_in (old, "\"We will not ask anyone to cross\" -- and left", 0,
                               new_text, &s, &e), ==, GLOSS_ANCHOR_MATCH_MOVED);
  g_assert_cmpuint (s, ==, 9);
  g_assert_cmpuint (e, ==, 9 + 44);
  g_assert_cmpint (resolve_in (old, "fine", 0, new_text, &s, &e), ==, GLOSS_ANCHOR_MATCH_MOVED);
  g_assert_cmpuint (e - s, ==, 3);
}

static void
test_word_boundaries (void)
{
  const char *old = "Everyone calls it the Turnbridge. Engineers say the bridge is unsafe. "
                    "Repairs start soon.";
  const char *new_text = "Everyone calls it the Turnbridge. Repairs start soon.";
  const char *moved = "Everyone calls it the Turnbridge. Now: engineers say the bridge is "
                      "unsafe. Repairs start soon.";
  guint s, e;

  /* The sentence with "bridge" is gone: not "Turnbridge", nor the other "the". */
  g_assert_false (gloss_anchor_match_is_attached (resolve_in (old, "bridge", 1, new_text,
                                                              NULL, NULL)));
  g_assert_false (gloss_anchor_match_is_attached (resolve_in (old, "the", 1, new_text,
                                                              NULL, NULL)));
  g_assert_cmpint (resolve_in (old, "bridge", 1, moved, &s, &e), ==, GLOSS_ANCHOR_MATCH_MOVED);
  g_assert_cmpuint (s, ==, offset_of (moved, " bridge", 0) + 1);
}

static void
test_numbers (void)
{
  const char *old = "Engineers estimate that 1,450 kilometres of pipe were laid before 1960.";
  const char *new_text = "Engineers estimate that 1,540 kilometres of pipe were laid before 1960.";
  GlossAnchorMatch m;

  m = resolve_in (old, "1,450 kilometres of pipe were laid", 0, new_text, NULL, NULL);
  g_assert_cmpint (m, !=, GLOSS_ANCHOR_MATCH_EXACT);
  g_assert_cmpint (m, !=, GLOSS_ANCHOR_MATCH_MOVED);
  m = resolve_in (old, "1,450", 0, new_text, NULL, NULL);
  g_assert_false (gloss_anchor_match_is_attached (m));
}

static void
test_edited_with_copy (void)
{
  const char *old = "Intro text here.\n\nThe chief said that we are fixing the oldest pipes "
                    "first, and then the rest.\n\nMore text follows.\n\n\xe2\x80\x9cWe are "
                    "fixing the oldest pipes first\xe2\x80\x9d\n\nEnd.";
  const char *new_text = "Intro text here.\n\nThe chief said that we are mending the oldest "
                         "pipes first, and then the rest.\n\nMore text follows.\n\n\xe2\x80\x9c"
                         "We are fixing the oldest pipes first\xe2\x80\x9d\n\nEnd.";
  guint s, e;
  GlossAnchorMatch m;

  m = resolve_in (old, "we are fixing the oldest pipes first", 0, new_text, &s, &e);
  if (gloss_anchor_match_is_attached (m))
    g_assert_cmpuint (s, ==, offset_of (new_text, "we are mending", 0));
  g_assert_cmpint (m, !=, GLOSS_ANCHOR_MATCH_MOVED);
}

static void
test_boilerplate (void)
{
  const char *old = "First paragraph about the vote.\n\nSign up for our newsletter.\n\n"
                    "Second paragraph about the count.\n\nSign up for our newsletter.\n\n"
                    "Third paragraph about the result.\n\nSign up for our newsletter.";
  g_autofree char *new_text = g_strconcat ("A new lead paragraph.\n\n", old, NULL);
  const char *deleted = "First paragraph about the vote.\n\nSign up for our newsletter.\n\n"
                        "Second paragraph about the count.\n\n"
                        "Third paragraph about the result.\n\nSign up for our newsletter.";
  guint s, e;

  g_assert_cmpint (resolve_in (old, "Sign up for our newsletter.", 1, new_text, &s, &e), ==,
                   GLOSS_ANCHOR_MATCH_MOVED);
  g_assert_cmpuint (s, ==, offset_of (new_text, "Sign up", 1));
  g_assert_false (gloss_anchor_match_is_attached (
    resolve_in (old, "Sign up for our newsletter.", 1, deleted, NULL, NULL)));
}

static void
test_deleted_lookalike (void)
{
  const char *old = "Intro.\n\nThe council will meet again on Friday to discuss the repairs. "
                    "Roadworks will be phased.\n\nMiddle.\n\nThe council will meet again on "
                    "Monday to discuss the budget. Charges are expected in March.";
  const char *new_text = "Intro.\n\nRoadworks will be phased.\n\nMiddle.\n\nThe council will "
                         "meet again on Monday to discuss the budget. Charges are expected in "
                         "March.";

  g_assert_false (gloss_anchor_match_is_attached (
    resolve_in (old, "The council will meet again on Friday to discuss the repairs.", 0,
                new_text, NULL, NULL)));
}

static void
test_fuzzy (void)
{
  const char *intro = "The council said on Wednesday that the crossing would stay shut.\n\n";
  const char *outro = " A full report is promised by the end of the month.";
  g_autofree char *old = g_strconcat (intro, "Engineers carrying out a routine inspection found "
                                      "cracks in the cast-iron pivot beneath the old bridge "
                                      "shortly after 10pm.", outro, NULL);
  g_autofree char *new_text = g_strconcat (intro, "Engineers carrying out a routine inspection "
                                           "found cracks in the cast iron pivot beneath the old "
                                           "swing bridge shortly after 10pm.", outro, NULL);
  guint s, e;

  g_assert_cmpint (resolve_in (old, "Engineers carrying out a routine inspection found cracks "
                               "in the cast-iron pivot beneath the old bridge shortly after "
                               "10pm.", 0, new_text, &s, &e), ==, GLOSS_ANCHOR_MATCH_FUZZY);
  g_assert_cmpuint (s, ==, g_utf8_strlen (intro, -1));
  g_assert_cmpuint (e, ==, g_utf8_strlen (new_text, -1) - g_utf8_strlen (outro, -1));
}

static void
test_resolve_all (void)
{
  const char *old = "The council said on Wednesday that the crossing would stay shut until "
                    "the engineers report.\n\nFerries ran all night, and the harbour was busy "
                    "until dawn.";
  g_autoptr(GString) new_text = g_string_new (NULL);
  g_autoptr(GlossAnchorer) anchorer = NULL;
  g_autoptr(GArray) t = text_new (old);
  const char *quotes[] = { "Ferries ran all night", "harbour", "the crossing would stay shut" };
  GlossAnchorTarget targets[G_N_ELEMENTS (quotes)];
  GlossAnchorResult results[G_N_ELEMENTS (quotes)];
  GlossAnchorResult alone;
  g_autoptr(GPtrArray) context = g_ptr_array_new_with_free_func (g_free);
  guint shift;

  /* A long paragraph at the top moves everything far. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (new_text, "Line %u of a long new introduction about the vote. ", i);
  g_string_append (new_text, "\n\n");
  shift = g_utf8_strlen (new_text->str, -1);
  g_string_append (new_text, old);
  anchorer = gloss_anchorer_new (new_text->str, -1);

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      guint s = offset_of (old, quotes[i], 0), e = s + g_utf8_strlen (quotes[i], -1);

      char *prefix = text_utf8 (t, s > CONTEXT ? s - CONTEXT : 0, s);
      char *suffix = text_utf8 (t, e, e + CONTEXT);

      g_ptr_array_add (context, prefix);
      g_ptr_array_add (context, suffix);
      targets[i] = (GlossAnchorTarget) { quotes[i], prefix, suffix, s, e };
    }

  gloss_anchorer_resolve_all (anchorer, targets, G_N_ELEMENTS (quotes), results);
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_assert_cmpint (results[i].match, ==, GLOSS_ANCHOR_MATCH_MOVED);
      g_assert_cmpuint (results[i].start, ==, targets[i].start + shift);
    }

  /* Alone, the short quote so far from its old place is only suggested. */
  gloss_anchorer_resolve (anchorer, &targets[1], &alone);
  g_assert_cmpint (alone.match, ==, GLOSS_ANCHOR_MATCH_SUGGESTED);
  g_assert_cmpuint (alone.start, ==, targets[1].start + shift);
}

static void
test_degenerate (void)
{
  g_autoptr(GlossAnchorer) anchorer = gloss_anchorer_new ("", 0);
  g_autoptr(GlossAnchorer) invalid = gloss_anchorer_new ("ab\xff" "cd", 5);
  GlossAnchorTarget target = { "x", NULL, NULL, 5, 6 };
  GlossAnchorTarget empty = { "", "", "", 0, 0 };
  GlossAnchorTarget whole = { "ab\xef\xbf\xbd" "cd", NULL, NULL, 0, 5 };
  GlossAnchorResult r;

  gloss_anchorer_resolve (anchorer, &target, &r);
  g_assert_cmpint (r.match, ==, GLOSS_ANCHOR_MATCH_ORPHANED);
  gloss_anchorer_resolve (anchorer, &empty, &r);
  g_assert_cmpint (r.match, ==, GLOSS_ANCHOR_MATCH_ORPHANED);
  g_assert_cmpuint (gloss_anchorer_get_length (invalid), ==, 5);
  gloss_anchorer_resolve (invalid, &whole, &r);
  g_assert_cmpint (r.match, ==, GLOSS_ANCHOR_MATCH_EXACT);
  g_assert_cmpstr (gloss_anchor_match_to_string (GLOSS_ANCHOR_MATCH_FUZZY), ==, "fuzzy");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/anchor/folding", test_folding);
  g_test_add_func ("/gloss/anchor/exact-and-moved", test_exact_and_moved);
  g_test_add_func ("/gloss/anchor/typography", test_typography);
  g_test_add_func ("/gloss/anchor/word-boundaries", test_word_boundaries);
  g_test_add_func ("/gloss/anchor/numbers", test_numbers);
  g_test_add_func ("/gloss/anchor/edited-with-copy", test_edited_with_copy);
  g_test_add_func ("/gloss/anchor/boilerplate", test_boilerplate);
  g_test_add_func ("/gloss/anchor/deleted-lookalike", test_deleted_lookalike);
  g_test_add_func ("/gloss/anchor/fuzzy", test_fuzzy);
  g_test_add_func ("/gloss/anchor/resolve-all", test_resolve_all);
  g_test_add_func ("/gloss/anchor/degenerate", test_degenerate);
  g_test_add_func ("/gloss/anchor/corpus", test_corpus);

  return g_test_run ();
}
