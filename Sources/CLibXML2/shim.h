#pragma once
// Debian's libxml2 is built with ICU; its encoding.h would pull the system ICU
// headers, which clash with the ICU bundled in swift-foundation. thidua never
// touches the ICU fields of xmlCharEncodingHandler, so the headers go without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
