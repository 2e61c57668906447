"""The part of PDFium's C API the pdfium backend calls, bound through ctypes with plain handles.

pypdfium2 ships PDFium and binds its whole API (``pypdfium2.raw``) with typed pointers. This
module re-binds the few functions the backend calls per glyph and per path point with
``c_void_p`` handles (Python ints), which are cheaper to pass and compare than typed pointers
and can key a dict: the backend makes a few calls for each of a page's ~1,500 glyphs, so the
cost of one call matters. The functions are the same ones, at the same addresses.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char_p, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p
from types import SimpleNamespace

import pypdfium2  # noqa: F401  (initialises the library on import)
import pypdfium2.raw as raw

FS_MATRIX = raw.FS_MATRIX
FS_RECTF = raw.FS_RECTF

_H = c_void_p  # any PDFium handle
_F = POINTER(c_float)
_D = POINTER(c_double)
_I = POINTER(c_int)
_U = POINTER(c_uint)

#: name → (result type, argument types)
_SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "FPDF_LoadMemDocument64": (_H, [c_void_p, c_size_t, c_char_p]),
    "FPDF_LoadDocument": (_H, [c_char_p, c_char_p]),
    "FPDF_CloseDocument": (None, [_H]),
    "FPDF_GetLastError": (c_ulong, []),
    "FPDF_GetPageCount": (c_int, [_H]),
    "FPDF_LoadPage": (_H, [_H, c_int]),
    "FPDF_ClosePage": (None, [_H]),
    "FPDFCatalog_IsTagged": (c_int, [_H]),
    "FPDFPage_GetMediaBox": (c_int, [_H, _F, _F, _F, _F]),
    "FPDFPage_GetRotation": (c_int, [_H]),
    "FPDFPage_CountObjects": (c_int, [_H]),
    "FPDFPage_GetObject": (_H, [_H, c_int]),
    "FPDFFormObj_CountObjects": (c_int, [_H]),
    "FPDFFormObj_GetObject": (_H, [_H, c_ulong]),
    "FPDFPageObj_GetType": (c_int, [_H]),
    "FPDFPageObj_GetMatrix": (c_int, [_H, POINTER(FS_MATRIX)]),
    "FPDFPageObj_GetBounds": (c_int, [_H, _F, _F, _F, _F]),
    "FPDFPageObj_GetClipPath": (_H, [_H]),
    "FPDFPageObj_GetStrokeWidth": (c_int, [_H, _F]),
    "FPDFPageObj_GetStrokeColor": (c_int, [_H, _U, _U, _U, _U]),
    "FPDFPageObj_GetFillColor": (c_int, [_H, _U, _U, _U, _U]),
    "FPDFPageObj_GetMarkedContentID": (c_int, [_H]),
    "FPDFClipPath_CountPaths": (c_int, [_H]),
    "FPDFClipPath_CountPathSegments": (c_int, [_H, c_int]),
    "FPDFClipPath_GetPathSegment": (_H, [_H, c_int, c_int]),
    "FPDFPath_CountSegments": (c_int, [_H]),
    "FPDFPath_GetPathSegment": (_H, [_H, c_int]),
    "FPDFPath_GetDrawMode": (c_int, [_H, _I, _I]),
    "FPDFPathSegment_GetPoint": (c_int, [_H, _F, _F]),
    "FPDFPathSegment_GetType": (c_int, [_H]),
    "FPDFPathSegment_GetClose": (c_int, [_H]),
    "FPDFPageObj_CountMarks": (c_int, [_H]),
    "FPDFPageObj_GetMark": (_H, [_H, c_ulong]),
    "FPDFPageObjMark_GetParamValueType": (c_int, [_H, c_char_p]),
    "FPDFPageObjMark_RemoveParam": (c_int, [_H, _H, c_char_p]),
    "FPDFPageObj_SetStrokeWidth": (c_int, [_H, c_float]),
    "FPDFPageObj_Transform": (
        None,
        [_H, c_double, c_double, c_double, c_double, c_double, c_double],
    ),
    "FPDFTextObj_SetTextRenderMode": (c_int, [_H, c_int]),
    "FPDFTextObj_GetFont": (_H, [_H]),
    "FPDFTextObj_GetFontSize": (c_int, [_H, _F]),
    "FPDFFont_GetBaseFontName": (c_size_t, [_H, c_char_p, c_size_t]),
    "FPDFFont_GetDescent": (c_int, [_H, c_float, _F]),
    "FPDFFont_GetGlyphWidth": (c_int, [_H, c_uint, c_float, _F]),
    "FPDFText_LoadPage": (_H, [_H]),
    "FPDFText_ClosePage": (None, [_H]),
    "FPDFText_CountChars": (c_int, [_H]),
    "FPDFText_GetUnicode": (c_uint, [_H, c_int]),
    "FPDFText_GetText": (c_int, [_H, c_int, c_int, c_void_p]),
    "FPDFText_IsGenerated": (c_int, [_H, c_int]),
    "FPDFText_IsHyphen": (c_int, [_H, c_int]),
    "FPDFText_HasUnicodeMapError": (c_int, [_H, c_int]),
    "FPDFText_GetTextObject": (_H, [_H, c_int]),
    "FPDFText_GetCharOrigin": (c_int, [_H, c_int, _D, _D]),
    "FPDFText_GetLooseCharBox": (c_int, [_H, c_int, POINTER(FS_RECTF)]),
    "FPDF_StructTree_GetForPage": (_H, [_H]),
    "FPDF_StructTree_Close": (None, [_H]),
    "FPDF_StructTree_CountChildren": (c_int, [_H]),
    "FPDF_StructTree_GetChildAtIndex": (_H, [_H, c_int]),
    "FPDF_StructElement_CountChildren": (c_int, [_H]),
    "FPDF_StructElement_GetChildAtIndex": (_H, [_H, c_int]),
    "FPDF_StructElement_GetChildMarkedContentID": (c_int, [_H, c_int]),
    "FPDF_StructElement_GetType": (c_ulong, [_H, c_void_p, c_ulong]),
}


def _bind() -> SimpleNamespace:
    out = {}
    for name, (restype, argtypes) in _SIGNATURES.items():
        address = ctypes.cast(getattr(raw, name), c_void_p).value
        out[name] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return SimpleNamespace(**out)


#: the bound functions, by their C names
api = _bind()


class Handle(c_void_p):
    """A PDFium handle as a :mod:`ctypes` object: returned by :data:`bare` functions as is (a
    ``c_void_p`` result would be turned into an int), so it is passed back without a
    conversion; ``.value`` is its address (None for NULL) and it is false when NULL."""


#: name → result type of the functions :data:`bare` binds
_BARE: dict[str, object] = {
    "FPDFPage_GetObject": Handle,
    "FPDFPageObj_GetType": c_int,
    "FPDFPageObj_GetMatrix": c_int,
    "FPDFPageObj_GetBounds": c_int,
    "FPDFPageObj_GetClipPath": Handle,
    "FPDFPageObj_GetMarkedContentID": c_int,
    "FPDFPageObj_CountMarks": c_int,
    "FPDFPageObj_GetStrokeWidth": c_int,
    "FPDFPageObj_GetStrokeColor": c_int,
    "FPDFPageObj_GetFillColor": c_int,
    "FPDFTextObj_GetFont": c_void_p,
    "FPDFTextObj_GetFontSize": c_int,
    "FPDFClipPath_CountPaths": c_int,
    "FPDFClipPath_CountPathSegments": c_int,
    "FPDFClipPath_GetPathSegment": c_void_p,
    "FPDFPath_CountSegments": c_int,
    "FPDFPath_GetPathSegment": Handle,
    "FPDFPath_GetDrawMode": c_int,
    "FPDFPathSegment_GetPoint": c_int,
    "FPDFPathSegment_GetType": c_int,
    "FPDFPathSegment_GetClose": c_int,
    "FPDFText_GetUnicode": c_uint,
    "FPDFText_IsGenerated": c_int,
    "FPDFText_IsHyphen": c_int,
    "FPDFText_HasUnicodeMapError": c_int,
    "FPDFText_GetTextObject": c_void_p,
    "FPDFText_GetCharOrigin": c_int,
    "FPDFText_GetLooseCharBox": c_int,
}


def _bind_bare() -> SimpleNamespace:
    out = {}
    for name, restype in _BARE.items():
        address = ctypes.cast(getattr(raw, name), c_void_p).value
        out[name] = ctypes.CFUNCTYPE(restype)(address)  # type: ignore[arg-type]
    return SimpleNamespace(**out)


#: the functions the backend calls per glyph, per page object and per path point, bound with
#: no argument types: ctypes then passes each argument by its own type, with no conversion
#: (about half the cost of a call). Every argument must therefore be of the C parameter's
#: type: a handle as a :class:`Handle` (or ``c_void_p``), an ``int`` parameter as a Python
#: int, an out-parameter by ``byref``. Only functions whose parameters are all of those kinds
#: are bound here.
bare = _bind_bare()

PAGEOBJ_TEXT = raw.FPDF_PAGEOBJ_TEXT
PAGEOBJ_PATH = raw.FPDF_PAGEOBJ_PATH
PAGEOBJ_IMAGE = raw.FPDF_PAGEOBJ_IMAGE
PAGEOBJ_FORM = raw.FPDF_PAGEOBJ_FORM
SEGMENT_LINETO = raw.FPDF_SEGMENT_LINETO
SEGMENT_BEZIERTO = raw.FPDF_SEGMENT_BEZIERTO
SEGMENT_MOVETO = raw.FPDF_SEGMENT_MOVETO
TEXTRENDERMODE_FILL_STROKE = raw.FPDF_TEXTRENDERMODE_FILL_STROKE
OBJECT_TYPE_UNKNOWN = raw.FPDF_OBJECT_UNKNOWN
ERR_PASSWORD = raw.FPDF_ERR_PASSWORD
ERR_SECURITY = raw.FPDF_ERR_SECURITY
