/* gloss-json-scanner.c: a strict pull scanner for JSON text (RFC 8259)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 can only build a whole tree (JsonReader walks that tree too), which for a
 * 10 MB sidecar costs more than reading the annotations out of it. This scanner hands out
 * one token at a time instead, straight from the bytes, and is strict where json-glib's
 * GScanner is lenient: no comments, single quotes, hex numbers, leading zeros or trailing
 * commas; escapes, surrogate pairs and UTF-8 are checked; integers are exact or refused;
 * nesting is limited (nothing here recurses but gloss_json_scanner_read_node(), which the
 * limit bounds). Errors say where, as line and column (in characters, from 1).
 */

#define G_LOG_DOMAIN "gloss-json"

#include "config.h"

#include "gloss-json-scanner.h"

#include <string.h>

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,   /* just after '[' */
  EXPECT_MEMBER,           /* just after ',' in an object */
  EXPECT_MEMBER_OR_CLOSE,  /* just after '{' */
  EXPECT_COMMA_OR_CLOSE,   /* after a value inside a container */
  EXPECT_END,              /* after the top-level value */
} Expect;

struct _GlossJsonScanner
{
  const guchar *data;
  gsize         start;        /* where positions are counted from */
  gsize         len;
  gsize         pos;
  gsize         token_start;
  guint         depth;
  guint         max_depth;
  guint8       *stack;        /* '{' or '[' per open container */
  Expect        expect;
  gboolean      trusted;
  gboolean      failed;

  const char   *string;       /* the last string or member name; not NUL-terminated */
  gsize         string_len;
  GString      *buffer;       /* holds strings that had escapes */
  gint64        int_value;
  double        double_value;
};

G_DEFINE_QUARK (gloss-json-scanner-error-quark, gloss_json_scanner_error)

/* Bytes that a string can hold as they are: not '"', '\\', a control character or (unless
 * the text was checked before) the start of a multi-byte UTF-8 sequence. */
static guint8 plain[256];
static guint8 plain_trusted[256];
static guint8 white_space[256];

static void
init_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint c = 0; c < 256; c++)
        {
          plain_trusted[c] = c >= 0x20 && c != '"' && c != '\\';
          plain[c] = plain_trusted[c] && c < 0x80;
          white_space[c] = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }
      g_once_init_leave (&initialized, 1);
    }
}

static GlossJsonScanner *
scanner_new (const char *data,
             gsize       start,
             gsize       end,
             guint       max_depth,
             gboolean    trusted)
{
  GlossJsonScanner *self = g_new0 (GlossJsonScanner, 1);

  init_tables ();
  self->data = (const guchar *) data;
  self->start = 0;
  self->len = end;
  self->pos = start;
  self->max_depth = max_depth;
  self->stack = g_malloc (MAX (max_depth, 1));
  self->expect = EXPECT_VALUE;
  self->trusted = trusted;
  self->buffer = g_string_new (NULL);

  /* RFC 8259 lets a parser ignore a byte-order mark; Windows editors write one. */
  if (end >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      self->start = 3;
      self->pos = MAX (start, 3);
    }

  return self;
}

/**
 * gloss_json_scanner_new:
 * @data: UTF-8 JSON text, not necessarily NUL-terminated
 * @len: its length in bytes
 * @max_depth: how deeply objects and arrays may nest (the top level counts as 1)
 *
 * Creates a scanner of one JSON value (of any type) followed by nothing but white space.
 * @data must stay alive and unchanged while the scanner is used.
 *
 * Returns: (transfer full): the scanner, before its first token
 */
GlossJsonScanner *
gloss_json_scanner_new (const char *data,
                        gsize       len,
                        guint       max_depth)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  return scanner_new (data, 0, len, max_depth, FALSE);
}

/**
 * gloss_json_scanner_new_trusted:
 * @data: the text that an earlier scanner read without error
 * @start: where one of its values starts
 * @end: where that value ends (gloss_json_scanner_get_end_offset() after skipping it)
 * @max_depth: the nesting limit below that value
 *
 * Creates a scanner of one value inside a text that was checked already, so that it can
 * skip the UTF-8 checks. Positions in its errors are counted from the start of @data.
 *
 * Returns: (transfer full): the scanner, before its first token
 */
GlossJsonScanner *
gloss_json_scanner_new_trusted (const char *data,
                                gsize       start,
                                gsize       end,
                                guint       max_depth)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  return scanner_new (data, start, end, max_depth, TRUE);
}

/**
 * gloss_json_scanner_free:
 *
 * Frees the scanner (not its text).
 */
void
gloss_json_scanner_free (GlossJsonScanner *self)
{
  if (self == NULL)
    return;

  g_string_free (self->buffer, TRUE);
  g_free (self->stack);
  g_free (self);
}

/**
 * gloss_json_scanner_get_position:
 * @offset: a byte offset in the scanner's text
 * @line: (out): the line of @offset, from 1
 * @column: (out): its column in characters, from 1
 */
void
gloss_json_scanner_get_position (GlossJsonScanner *self,
                                 gsize             offset,
                                 guint            *line,
                                 guint            *column)
{
  guint l = 1, c = 1;

  g_return_if_fail (self != NULL);

  offset = MIN (offset, self->len);
  for (gsize i = self->start; i < offset; i++)
    {
      if (self->data[i] == '\n')
        {
          l++;
          c = 1;
        }
      else if ((self->data[i] & 0xc0) != 0x80)
        c++;
    }

  *line = l;
  *column = c;
}

/* The length of the valid UTF-8 sequence at @p (RFC 3629: no overlong forms, surrogates
 * or code points beyond U+10FFFF), or 0. A NUL byte counts as invalid here: it is what
 * binary files and UTF-16 text have, and g_utf8_validate_len() refused it too. */
static guint
utf8_length (const guchar *p,
             const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xbf;
  guint n;

  if (c == 0)
    return 0;
  if (c < 0x80)
    return 1;
  if (c < 0xc2)
    return 0;
  if (c < 0xe0)
    n = 2;
  else if (c < 0xf0)
    {
      n = 3;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c < 0xf5)
    {
      n = 4;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;

  if ((gsize) (end - p) < n || p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;

  return n;
}

static GlossJsonToken G_GNUC_PRINTF (5, 6)
fail (GlossJsonScanner       *self,
      GError                **error,
      GlossJsonScannerError   code,
      gsize                   offset,
      const char             *format,
      ...)
{
  g_autofree char *problem = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  gloss_json_scanner_get_position (self, offset, &line, &column);
  if (code == GLOSS_JSON_SCANNER_ERROR_SYNTAX)
    g_set_error (error, GLOSS_JSON_SCANNER_ERROR, code,
                 "not valid JSON (line %u, column %u: %s)", line, column, problem);
  else
    g_set_error (error, GLOSS_JSON_SCANNER_ERROR, code,
                 "%s (line %u, column %u)", problem, line, column);

  self->failed = TRUE;
  return GLOSS_JSON_TOKEN_ERROR;
}

static GlossJsonToken
fail_eof (GlossJsonScanner  *self,
          GError           **error)
{
  return fail (self, error, GLOSS_JSON_SCANNER_ERROR_SYNTAX, self->len,
               "unexpected end of file");
}

/* Fails on the character at @offset, which is not what @expected says should be there. */
static GlossJsonToken
fail_unexpected (GlossJsonScanner  *self,
                 GError           **error,
                 gsize              offset,
                 const char        *expected)
{
  const guchar *p = self->data + offset;
  guint n;

  if (offset >= self->len)
    return fail_eof (self, error);

  n = utf8_length (p, self->data + self->len);
  if (n == 0)
    return fail (self, error, GLOSS_JSON_SCANNER_ERROR_UTF8, offset, "not UTF-8 text");
  if (*p < 0x20 || *p == 0x7f)
    return fail (self, error, GLOSS_JSON_SCANNER_ERROR_SYNTAX, offset,
                 "expected %s, found the control character U+%04X", expected, *p);

  if (*p >= 0x80)
    return fail (self, error, GLOSS_JSON_SCANNER_ERROR_SYNTAX, offset,
                 "expected %s, found U+%04X", expected, g_utf8_get_char ((const char *) p));

  return fail (self, error, GLOSS_JSON_SCANNER_ERROR_SYNTAX, offset,
               "expected %s, found '%c'", expected, *p);
}

static inline void
skip_white_space (GlossJsonScanner *self)
{
  const guchar *data = self->data;
  gsize pos = self->pos;

  while (pos < self->len && white_space[data[pos]])
    pos++;
  self->pos = pos;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits of a \u escape at @p (which points at the 'u'), or -1. */
static int
read_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 5)
    return -1;
  for (guint i = 1; i <= 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Decodes the escape at @p (a backslash) into self->buffer; returns what follows it. */
static const guchar *
read_escape (GlossJsonScanner  *self,
             const guchar      *p,
             GError           **error)
{
  const guchar *end = self->data + self->len;
  gsize offset = p - self->data;
  char utf8[6];
  int high, low;

  if (end - p < 2)
    {
      fail_eof (self, error);
      return NULL;
    }

  switch (p[1])
    {
    case '"': g_string_append_c (self->buffer, '"'); return p + 2;
    case '\\': g_string_append_c (self->buffer, '\\'); return p + 2;
    case '/': g_string_append_c (self->buffer, '/'); return p + 2;
    case 'b': g_string_append_c (self->buffer, '\b'); return p + 2;
    case 'f': g_string_append_c (self->buffer, '\f'); return p + 2;
    case 'n': g_string_append_c (self->buffer, '\n'); return p + 2;
    case 'r': g_string_append_c (self->buffer, '\r'); return p + 2;
    case 't': g_string_append_c (self->buffer, '\t'); return p + 2;
    case 'u':
      break;
    default:
      fail_unexpected (self, error, offset + 1,
                       "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
      return NULL;
    }

  high = read_hex4 (p + 1, end);
  if (high < 0)
    {
      fail (self, error, GLOSS_JSON_SCANNER_ERROR_SYNTAX, offset,
            "\\u must be followed by four hexadecimal digits");
      return NULL;
    }
  if (high == 0)
    {
      fail (self, error, GLOSS_JSON_SCANNER_ERROR_NUL, offset,
            "has a string with a NUL character (\\u0000), which Gloss cannot keep");
      return NULL;
    }
  if (high >= 0xdc00 && high <= 0xdfff)
    {
      fail (self, error, GLOSS_JSON_SCANNER_ERROR_SURROGATE, offset,
            "has a string that is not valid Unicode (a lone surrogate)");
      return NULL;
    }
  if (high < 0xd800 || high > 0xdbff)
    {
      g_string_append_len (self->buffer, utf8, g_unichar_to_utf8 (high, utf8));
      return p + 6;
    }

  /* A high surrogate: only a low one may follow, and the two are one character. */
  if (end - p < 12 || p[6] != '\\' || p[7] != 'u'
      || (low = read_hex4 (p + 7, end)) < 0xdc00 || low > 0xdfff)
    {
      fail (self, error, GLOSS_JSON_SCANNER_ERROR_SURROGATE, offset,
            "has a string that is not valid Unicode (a lone surrogate)");
      return NULL;
    }
  g_string_append_len (self->buffer, utf8,
                       g_unichar_to_utf8 (0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00),
                                          utf8));

  return p + 12;
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether any of the eight bytes at @p is '"', '\\', a control character or (unless
 * @trusted) a byte of a multi-byte sequence; exact, with the usual "has a zero byte" trick
 * (x - 1) & ~x & 0x80 done on all eight bytes at once. */
static inline gboolean
needs_look (const guchar *p,
            gboolean      trusted)
{
  guint64 v, quote, backslash, control;

  memcpy (&v, p, sizeof v);
  quote = v ^ (ONES * '"');
  backslash = v ^ (ONES * '\\');
  control = (v - ONES * 0x20) & ~v;
  quote = (quote - ONES) & ~quote;
  backslash = (backslash - ONES) & ~backslash;

  return ((control | quote | backslash | (trusted ? 0 : v)) & HIGHS) != 0;
}

/* Reads the string whose opening quote is at self->pos. */
static gboolean
read_string (GlossJsonScanner  *self,
             GError           **error)
{
  const guint8 *table = self->trusted ? plain_trusted : plain;
  const guchar *end = self->data + self->len;
  const guchar *first = self->data + self->pos + 1;
  const guchar *run = first;
  const guchar *p = first;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c;

      /* Eight bytes at a time while none of them needs a look: most of a sidecar. */
      while (end - p >= 8 && !needs_look (p, self->trusted))
        p += 8;
      while (p < end && table[*p])
        p++;
      if (p == end)
        {
          fail_eof (self, error);
          return FALSE;
        }

      c = *p;
      if (c == '"')
        break;

      if (c == '\\')
        {
          if (!escaped)
            {
              g_string_truncate (self->buffer, 0);
              escaped = TRUE;
            }
          g_string_append_len (self->buffer, (const char *) run, p - run);
          if ((p = read_escape (self, p, error)) == NULL)
            return FALSE;
          run = p;
        }
      else if (c < 0x20)
        {
          if (c == 0)
            fail (self, error, GLOSS_JSON_SCANNER_ERROR_UTF8, p - self->data, "not UTF-8 text");
          else
            fail (self, error, GLOSS_JSON_SCANNER_ERROR_SYNTAX, p - self->data,
                  "the control character U+%04X must be written as an escape in a string", c);
          return FALSE;
        }
      else
        {
          guint n = utf8_length (p, end);

          if (n == 0)
            {
              fail (self, error, GLOSS_JSON_SCANNER_ERROR_UTF8, p - self->data,
                    "not UTF-8 text");
              return FALSE;
            }
          p += n;
        }
    }

  if (escaped)
    {
      g_string_append_len (self->buffer, (const char *) run, p - run);
      self->string = self->buffer->str;
      self->string_len = self->buffer->len;
    }
  else
    {
      self->string = (const char *) first;
      self->string_len = p - first;
    }
  self->pos = p + 1 - self->data;

  return TRUE;
}

static GlossJsonToken
read_number (GlossJsonScanner  *self,
             GError           **error)
{
  const guchar *data = self->data;
  gsize start = self->pos, p = start, int_start;
  gboolean negative = FALSE, fraction = FALSE;
  char small[64];
  g_autofree char *large = NULL;
  char *copy;
  guint64 value = 0;

#define IS_DIGIT(i) ((i) < self->len && g_ascii_isdigit (data[i]))

  if (data[p] == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!IS_DIGIT (p))
    return fail_unexpected (self, error, p, "a digit after '-'");

  int_start = p;
  if (data[p] == '0')
    {
      p++;
      if (IS_DIGIT (p))
        return fail (self, error, GLOSS_JSON_SCANNER_ERROR_SYNTAX, start,
                     "a number cannot start with 0");
    }
  else
    while (IS_DIGIT (p))
      p++;

  if (p < self->len && data[p] == '.')
    {
      fraction = TRUE;
      p++;
      if (!IS_DIGIT (p))
        return fail_unexpected (self, error, p, "a digit after '.'");
      while (IS_DIGIT (p))
        p++;
    }
  if (p < self->len && (data[p] == 'e' || data[p] == 'E'))
    {
      fraction = TRUE;
      p++;
      if (p < self->len && (data[p] == '+' || data[p] == '-'))
        p++;
      if (!IS_DIGIT (p))
        return fail_unexpected (self, error, p, "a digit in the exponent");
      while (IS_DIGIT (p))
        p++;
    }

#undef IS_DIGIT

  self->pos = p;

  if (!fraction)
    {
      /* Exact, never wrapped around or rounded: beyond 18 digits it is refused. */
      if (p - int_start > GLOSS_JSON_SCANNER_MAX_INT_DIGITS)
        return fail (self, error, GLOSS_JSON_SCANNER_ERROR_NUMBER, start,
                     "has a number with more than %d digits",
                     GLOSS_JSON_SCANNER_MAX_INT_DIGITS);
      for (gsize i = int_start; i < p; i++)
        value = value * 10 + (data[i] - '0');
      self->int_value = negative ? -(gint64) value : (gint64) value;
      return GLOSS_JSON_TOKEN_INT;
    }

  /* g_ascii_strtod() needs a terminator, which the text may not have here. */
  if (p - start < sizeof small)
    copy = small;
  else
    copy = large = g_malloc (p - start + 1);
  memcpy (copy, data + start, p - start);
  copy[p - start] = '\0';
  self->double_value = g_ascii_strtod (copy, NULL);

  return GLOSS_JSON_TOKEN_DOUBLE;
}

static GlossJsonToken
read_literal (GlossJsonScanner  *self,
              GError           **error,
              const char        *word,
              GlossJsonToken     token)
{
  gsize start = self->pos;

  for (gsize i = 0; word[i] != '\0'; i++)
    if (start + i >= self->len || self->data[start + i] != (guchar) word[i])
      return fail_unexpected (self, error, start + i, "a value");

  self->pos = start + strlen (word);
  return token;
}

static void
value_done (GlossJsonScanner *self)
{
  self->expect = self->depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
}

static GlossJsonToken
open_container (GlossJsonScanner  *self,
                GError           **error,
                guchar             bracket)
{
  if (self->depth >= self->max_depth)
    return fail (self, error, GLOSS_JSON_SCANNER_ERROR_DEPTH, self->pos,
                 "nested more than %u levels deep", self->max_depth);

  self->stack[self->depth++] = bracket;
  self->pos++;
  if (bracket == '{')
    {
      self->expect = EXPECT_MEMBER_OR_CLOSE;
      return GLOSS_JSON_TOKEN_BEGIN_OBJECT;
    }
  self->expect = EXPECT_VALUE_OR_CLOSE;
  return GLOSS_JSON_TOKEN_BEGIN_ARRAY;
}

static GlossJsonToken
close_container (GlossJsonScanner *self)
{
  guchar bracket = self->stack[--self->depth];

  self->pos++;
  value_done (self);
  return bracket == '{' ? GLOSS_JSON_TOKEN_END_OBJECT : GLOSS_JSON_TOKEN_END_ARRAY;
}

static GlossJsonToken
read_value (GlossJsonScanner  *self,
            GError           **error)
{
  GlossJsonToken token;

  switch (self->data[self->pos])
    {
    case '{':
      return open_container (self, error, '{');
    case '[':
      return open_container (self, error, '[');
    case '"':
      if (!read_string (self, error))
        return GLOSS_JSON_TOKEN_ERROR;
      token = GLOSS_JSON_TOKEN_STRING;
      break;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      token = read_number (self, error);
      break;
    case 't':
      token = read_literal (self, error, "true", GLOSS_JSON_TOKEN_TRUE);
      break;
    case 'f':
      token = read_literal (self, error, "false", GLOSS_JSON_TOKEN_FALSE);
      break;
    case 'n':
      token = read_literal (self, error, "null", GLOSS_JSON_TOKEN_NULL);
      break;
    default:
      return fail_unexpected (self, error, self->pos, "a value");
    }

  if (token != GLOSS_JSON_TOKEN_ERROR)
    value_done (self);

  return token;
}

static GlossJsonToken
read_member (GlossJsonScanner  *self,
             GError           **error)
{
  if (self->data[self->pos] != '"')
    return fail_unexpected (self, error, self->pos, "a member name in double quotes");
  if (!read_string (self, error))
    return GLOSS_JSON_TOKEN_ERROR;

  skip_white_space (self);
  if (self->pos >= self->len || self->data[self->pos] != ':')
    return fail_unexpected (self, error, self->pos, "':' after a member name");
  self->pos++;
  self->expect = EXPECT_VALUE;

  return GLOSS_JSON_TOKEN_MEMBER;
}

/**
 * gloss_json_scanner_next:
 *
 * Reads the next token. Objects give %GLOSS_JSON_TOKEN_BEGIN_OBJECT, then for each member
 * a %GLOSS_JSON_TOKEN_MEMBER and the tokens of its value, then
 * %GLOSS_JSON_TOKEN_END_OBJECT. After the top-level value comes %GLOSS_JSON_TOKEN_END,
 * once the rest of the text proved to be white space.
 *
 * Returns: the token, or %GLOSS_JSON_TOKEN_ERROR with @error set (and then always)
 */
GlossJsonToken
gloss_json_scanner_next (GlossJsonScanner  *self,
                         GError           **error)
{
  guchar c;

  g_return_val_if_fail (self != NULL, GLOSS_JSON_TOKEN_ERROR);

  if (self->failed)
    {
      g_set_error_literal (error, GLOSS_JSON_SCANNER_ERROR, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
                           "not valid JSON (read after an error)");
      return GLOSS_JSON_TOKEN_ERROR;
    }

again:
  skip_white_space (self);
  self->token_start = self->pos;
  if (self->pos >= self->len)
    return self->expect == EXPECT_END ? GLOSS_JSON_TOKEN_END : fail_eof (self, error);

  c = self->data[self->pos];
  switch (self->expect)
    {
    case EXPECT_VALUE:
      return read_value (self, error);

    case EXPECT_VALUE_OR_CLOSE:
      return c == ']' ? close_container (self) : read_value (self, error);

    case EXPECT_MEMBER:
      return read_member (self, error);

    case EXPECT_MEMBER_OR_CLOSE:
      return c == '}' ? close_container (self) : read_member (self, error);

    case EXPECT_COMMA_OR_CLOSE:
      {
        gboolean object = self->stack[self->depth - 1] == '{';

        if (c == ',')
          {
            self->pos++;
            self->expect = object ? EXPECT_MEMBER : EXPECT_VALUE;
            goto again;
          }
        if (c == (object ? '}' : ']'))
          return close_container (self);
        return fail_unexpected (self, error, self->pos, object ? "',' or '}'" : "',' or ']'");
      }

    case EXPECT_END:
    default:
      return fail_unexpected (self, error, self->pos, "nothing more after the JSON value");
    }
}

/**
 * gloss_json_scanner_skip:
 * @token: the token just read
 *
 * Skips the rest of the value that @token begins (for a member name: its whole value),
 * checking it as thoroughly as if it were read.
 *
 * Returns: %FALSE with @error set when the value is not valid
 */
gboolean
gloss_json_scanner_skip (GlossJsonScanner  *self,
                         GlossJsonToken     token,
                         GError           **error)
{
  guint depth;

  g_return_val_if_fail (self != NULL, FALSE);

  if (token == GLOSS_JSON_TOKEN_MEMBER)
    token = gloss_json_scanner_next (self, error);

  if (token == GLOSS_JSON_TOKEN_ERROR || token == GLOSS_JSON_TOKEN_END_OBJECT
      || token == GLOSS_JSON_TOKEN_END_ARRAY || token == GLOSS_JSON_TOKEN_END)
    return token != GLOSS_JSON_TOKEN_ERROR;
  if (token != GLOSS_JSON_TOKEN_BEGIN_OBJECT && token != GLOSS_JSON_TOKEN_BEGIN_ARRAY)
    return TRUE;

  depth = self->depth - 1;
  for (;;)
    {
      token = gloss_json_scanner_next (self, error);
      if (token == GLOSS_JSON_TOKEN_ERROR)
        return FALSE;
      if ((token == GLOSS_JSON_TOKEN_END_OBJECT || token == GLOSS_JSON_TOKEN_END_ARRAY)
          && self->depth == depth)
        return TRUE;
    }
}

/* Escapes quotes, backslashes and control characters, but keeps UTF-8 as it is. */
static char *
escape_name (const char *name)
{
  char exceptions[129];

  for (guint i = 0; i < 128; i++)
    exceptions[i] = (char) (0x80 + i);
  exceptions[128] = '\0';

  return g_strescape (name, exceptions);
}

/**
 * gloss_json_scanner_read_node:
 * @token: the token just read, which begins a value
 *
 * Reads the value that @token begins into a json-glib tree: for the few values that are
 * kept but not understood. Member order is kept; a member name used twice is an error.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with @error set
 */
JsonNode *
gloss_json_scanner_read_node (GlossJsonScanner  *self,
                              GlossJsonToken     token,
                              GError           **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  switch (token)
    {
    case GLOSS_JSON_TOKEN_BEGIN_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        while ((token = gloss_json_scanner_next (self, error)) == GLOSS_JSON_TOKEN_MEMBER)
          {
            gsize offset = self->token_start;
            g_autofree char *name = gloss_json_scanner_dup_string (self);
            JsonNode *member;

            if (json_object_has_member (object, name))
              {
                g_autofree char *escaped = escape_name (name);

                fail (self, error, GLOSS_JSON_SCANNER_ERROR_DUPLICATE, offset,
                      "has the member \"%s\" twice", escaped);
                return NULL;
              }
            member = gloss_json_scanner_read_node (self, gloss_json_scanner_next (self, error),
                                                   error);
            if (member == NULL)
              return NULL;
            json_object_set_member (object, name, member);
          }
        if (token != GLOSS_JSON_TOKEN_END_OBJECT)
          return NULL;
        node = json_node_init_object (json_node_alloc (), object);
      }
      break;

    case GLOSS_JSON_TOKEN_BEGIN_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        while ((token = gloss_json_scanner_next (self, error)) != GLOSS_JSON_TOKEN_END_ARRAY)
          {
            JsonNode *element = gloss_json_scanner_read_node (self, token, error);

            if (element == NULL)
              return NULL;
            json_array_add_element (array, element);
          }
        node = json_node_init_array (json_node_alloc (), array);
      }
      break;

    case GLOSS_JSON_TOKEN_STRING:
      {
        g_autofree char *string = gloss_json_scanner_dup_string (self);

        node = json_node_init_string (json_node_alloc (), string);
      }
      break;

    case GLOSS_JSON_TOKEN_INT:
      node = json_node_init_int (json_node_alloc (), self->int_value);
      break;

    case GLOSS_JSON_TOKEN_DOUBLE:
      node = json_node_init_double (json_node_alloc (), self->double_value);
      break;

    case GLOSS_JSON_TOKEN_TRUE:
    case GLOSS_JSON_TOKEN_FALSE:
      node = json_node_init_boolean (json_node_alloc (), token == GLOSS_JSON_TOKEN_TRUE);
      break;

    case GLOSS_JSON_TOKEN_NULL:
      node = json_node_init_null (json_node_alloc ());
      break;

    case GLOSS_JSON_TOKEN_ERROR:
      return NULL;

    case GLOSS_JSON_TOKEN_END:
    case GLOSS_JSON_TOKEN_END_OBJECT:
    case GLOSS_JSON_TOKEN_END_ARRAY:
    case GLOSS_JSON_TOKEN_MEMBER:
    default:
      /* The scanner never gives these where a value starts. */
      g_return_val_if_reached (NULL);
    }

  return g_steal_pointer (&node);
}

/**
 * gloss_json_scanner_get_string:
 * @len: (out): its length in bytes
 *
 * Returns: (transfer none): the last string or member name read, decoded: valid UTF-8
 *   without NUL characters, but not NUL-terminated; valid until the next token
 */
const char *
gloss_json_scanner_get_string (GlossJsonScanner *self,
                               gsize            *len)
{
  g_return_val_if_fail (self != NULL, NULL);

  *len = self->string_len;
  return self->string;
}

/**
 * gloss_json_scanner_string_equal:
 *
 * Returns: whether the last string or member name read is @s
 */
gboolean
gloss_json_scanner_string_equal (GlossJsonScanner *self,
                                 const char       *s)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return strncmp (self->string, s, self->string_len) == 0 && s[self->string_len] == '\0';
}

/**
 * gloss_json_scanner_dup_string:
 *
 * Returns: (transfer full): a copy of the last string or member name read
 */
char *
gloss_json_scanner_dup_string (GlossJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strndup (self->string, self->string_len);
}

/**
 * gloss_json_scanner_get_int:
 *
 * Returns: the last %GLOSS_JSON_TOKEN_INT read, between -(10^18 - 1) and 10^18 - 1
 */
gint64
gloss_json_scanner_get_int (GlossJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->int_value;
}

/**
 * gloss_json_scanner_get_double:
 *
 * Returns: the last %GLOSS_JSON_TOKEN_DOUBLE read; infinite when too large for a double
 */
double
gloss_json_scanner_get_double (GlossJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->double_value;
}

/**
 * gloss_json_scanner_get_offset:
 *
 * Returns: where the last token starts, in bytes from the start of the text
 */
gsize
gloss_json_scanner_get_offset (GlossJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->token_start;
}

/**
 * gloss_json_scanner_get_end_offset:
 *
 * Returns: where the last token ends: after gloss_json_scanner_skip(), the end of the
 *   value skipped
 */
gsize
gloss_json_scanner_get_end_offset (GlossJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pos;
}
