/* gloss-json-scanner.h: a strict pull scanner for JSON text (RFC 8259)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GLOSS_JSON_SCANNER_ERROR (gloss_json_scanner_error_quark ())

/* What is wrong with the text; the message says where (line and column). */
typedef enum
{
  GLOSS_JSON_SCANNER_ERROR_SYNTAX,     /* not JSON: truncated, bad escape, leading zero, ... */
  GLOSS_JSON_SCANNER_ERROR_UTF8,       /* bytes that are not UTF-8 */
  GLOSS_JSON_SCANNER_ERROR_SURROGATE,  /* a \u escape of a lone UTF-16 surrogate */
  GLOSS_JSON_SCANNER_ERROR_NUL,        /* "\u0000", which C strings cannot hold */
  GLOSS_JSON_SCANNER_ERROR_DEPTH,      /* nested deeper than the limit */
  GLOSS_JSON_SCANNER_ERROR_NUMBER,     /* an integer of more than 18 digits */
  GLOSS_JSON_SCANNER_ERROR_DUPLICATE,  /* a member name used twice in one object */
} GlossJsonScannerError;

/* The largest integer is 18 digits long, so that every one fits a gint64 with its sign. */
#define GLOSS_JSON_SCANNER_MAX_INT_DIGITS 18

typedef enum
{
  GLOSS_JSON_TOKEN_ERROR,
  GLOSS_JSON_TOKEN_END,           /* the end of the text, after its one value */
  GLOSS_JSON_TOKEN_BEGIN_OBJECT,
  GLOSS_JSON_TOKEN_END_OBJECT,
  GLOSS_JSON_TOKEN_BEGIN_ARRAY,
  GLOSS_JSON_TOKEN_END_ARRAY,
  GLOSS_JSON_TOKEN_MEMBER,        /* a member's name (get_string); its value comes next */
  GLOSS_JSON_TOKEN_STRING,
  GLOSS_JSON_TOKEN_INT,
  GLOSS_JSON_TOKEN_DOUBLE,
  GLOSS_JSON_TOKEN_TRUE,
  GLOSS_JSON_TOKEN_FALSE,
  GLOSS_JSON_TOKEN_NULL,
} GlossJsonToken;

typedef struct _GlossJsonScanner GlossJsonScanner;

GQuark            gloss_json_scanner_error_quark    (void);

GlossJsonScanner *gloss_json_scanner_new            (const char        *data,
                                                     gsize              len,
                                                     guint              max_depth);
GlossJsonScanner *gloss_json_scanner_new_trusted    (const char        *data,
                                                     gsize              start,
                                                     gsize              end,
                                                     guint              max_depth);
void              gloss_json_scanner_free           (GlossJsonScanner  *self);

GlossJsonToken    gloss_json_scanner_next           (GlossJsonScanner  *self,
                                                     GError           **error);
gboolean          gloss_json_scanner_skip           (GlossJsonScanner  *self,
                                                     GlossJsonToken     token,
                                                     GError           **error);
JsonNode         *gloss_json_scanner_read_node      (GlossJsonScanner  *self,
                                                     GlossJsonToken     token,
                                                     GError           **error);

const char       *gloss_json_scanner_get_string     (GlossJsonScanner  *self,
                                                     gsize             *len);
gboolean          gloss_json_scanner_string_equal   (GlossJsonScanner  *self,
                                                     const char        *s);
char             *gloss_json_scanner_dup_string     (GlossJsonScanner  *self);
gint64            gloss_json_scanner_get_int        (GlossJsonScanner  *self);
double            gloss_json_scanner_get_double     (GlossJsonScanner  *self);
gsize             gloss_json_scanner_get_offset     (GlossJsonScanner  *self);
gsize             gloss_json_scanner_get_end_offset (GlossJsonScanner  *self);
void              gloss_json_scanner_get_position   (GlossJsonScanner  *self,
                                                     gsize              offset,
                                                     guint             *line,
                                                     guint             *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossJsonScanner, gloss_json_scanner_free)

G_END_DECLS
