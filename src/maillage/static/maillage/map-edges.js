/* A dashed edge program for sigma.js: informal ties are drawn dashed, formal ones solid.
 *
 * Written against sigma's public program API (`Sigma.rendering.EdgeProgram`): the program declares its
 * own shaders, attributes and uniforms, as sigma's documentation describes for custom programs. Each edge
 * is a rectangle (two triangles), as in sigma's rectangle program; the vertex shader also passes every
 * fragment's distance from the edge's start in screen pixels, and the fragment shader leaves the gaps
 * empty, so dashes keep the same length on screen at every zoom level.
 */
(function () {
  "use strict";
  if (typeof Sigma === "undefined" || !Sigma.rendering || !Sigma.rendering.EdgeProgram) return;
  var DASH_PERIOD = "9.0";  // CSS pixels from one dash's start to the next
  var GAP_FROM = "5.5";  // within a period, the gap starts here

  var VERTEX_SHADER = [
    "attribute vec4 a_id;",
    "attribute vec4 a_color;",
    "attribute vec2 a_normal;",
    "attribute float a_normalCoef;",
    "attribute vec2 a_positionStart;",
    "attribute vec2 a_positionEnd;",
    "attribute float a_positionCoef;",
    "uniform mat3 u_matrix;",
    "uniform float u_sizeRatio;",
    "uniform float u_zoomRatio;",
    "uniform float u_pixelRatio;",
    "uniform float u_correctionRatio;",
    "uniform float u_minEdgeThickness;",
    "uniform float u_feather;",
    "uniform vec2 u_resolution;",
    "varying vec4 v_color;",
    "varying vec2 v_normal;",
    "varying float v_thickness;",
    "varying float v_feather;",
    "varying float v_along;",
    "const float bias = 255.0 / 254.0;",
    "void main() {",
    "  vec2 normal = a_normal * a_normalCoef;",
    "  vec2 position = a_positionStart * (1.0 - a_positionCoef) + a_positionEnd * a_positionCoef;",
    "  float normalLength = length(normal);",
    "  vec2 unitNormal = normal / normalLength;",
    // At least u_minEdgeThickness pixels on screen, whatever the zoom.
    "  float pixelsThickness = max(normalLength, u_minEdgeThickness * u_sizeRatio);",
    "  float webGLThickness = pixelsThickness * u_correctionRatio / u_sizeRatio;",
    "  gl_Position = vec4((u_matrix * vec3(position + unitNormal * webGLThickness, 1)).xy, 0, 1);",
    "  v_thickness = webGLThickness / u_zoomRatio;",
    "  v_normal = unitNormal;",
    "  v_feather = u_feather * u_correctionRatio / u_zoomRatio / u_pixelRatio * 2.0;",
    // The edge's length on screen, in pixels, scaled by how far along it this vertex is.
    "  vec2 clipStart = (u_matrix * vec3(a_positionStart, 1)).xy;",
    "  vec2 clipEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;",
    "  v_along = a_positionCoef * length((clipEnd - clipStart) * u_resolution * 0.5);",
    "  #ifdef PICKING_MODE",
    "  v_color = a_id;",
    "  #else",
    "  v_color = a_color;",
    "  #endif",
    "  v_color.a *= bias;",
    "}",
  ].join("\n");

  var FRAGMENT_SHADER = [
    "precision mediump float;",
    "varying vec4 v_color;",
    "varying vec2 v_normal;",
    "varying float v_thickness;",
    "varying float v_feather;",
    "varying float v_along;",
    "const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);",
    "void main(void) {",
    "  #ifdef PICKING_MODE",
    "  gl_FragColor = v_color;",
    "  #else",
    "  if (mod(v_along, " + DASH_PERIOD + ") > " + GAP_FROM + ") discard;",
    "  float dist = length(v_normal) * v_thickness;",
    "  float t = smoothstep(v_thickness - v_feather, v_thickness, dist);",
    "  gl_FragColor = mix(v_color, transparent, t);",
    "  #endif",
    "}",
  ].join("\n");

  var UNIFORMS = [
    "u_matrix", "u_zoomRatio", "u_sizeRatio", "u_correctionRatio", "u_pixelRatio", "u_feather",
    "u_minEdgeThickness", "u_resolution",
  ];

  class DashedEdgeProgram extends Sigma.rendering.EdgeProgram {
    getDefinition() {
      var FLOAT = WebGLRenderingContext.FLOAT;
      var BYTE = WebGLRenderingContext.UNSIGNED_BYTE;
      return {
        VERTICES: 6,
        VERTEX_SHADER_SOURCE: VERTEX_SHADER,
        FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
        METHOD: WebGLRenderingContext.TRIANGLES,
        UNIFORMS: UNIFORMS,
        ATTRIBUTES: [
          { name: "a_positionStart", size: 2, type: FLOAT },
          { name: "a_positionEnd", size: 2, type: FLOAT },
          { name: "a_normal", size: 2, type: FLOAT },
          { name: "a_color", size: 4, type: BYTE, normalized: true },
          { name: "a_id", size: 4, type: BYTE, normalized: true },
        ],
        CONSTANT_ATTRIBUTES: [
          { name: "a_positionCoef", size: 1, type: FLOAT },
          { name: "a_normalCoef", size: 1, type: FLOAT },
        ],
        // Two triangles: (start, +n) (start, -n) (end, +n) and (end, +n) (start, -n) (end, -n).
        CONSTANT_DATA: [[0, 1], [0, -1], [1, 1], [1, 1], [0, -1], [1, -1]],
      };
    }

    processVisibleItem(edgeIndex, startIndex, sourceData, targetData, data) {
      var thickness = data.size || 1;
      var dx = targetData.x - sourceData.x;
      var dy = targetData.y - sourceData.y;
      var length = dx * dx + dy * dy;
      var nx = 0;
      var ny = 0;
      if (length) {
        length = 1 / Math.sqrt(length);
        nx = -dy * length * thickness;
        ny = dx * length * thickness;
      }
      var array = this.array;
      array[startIndex++] = sourceData.x;
      array[startIndex++] = sourceData.y;
      array[startIndex++] = targetData.x;
      array[startIndex++] = targetData.y;
      array[startIndex++] = nx;
      array[startIndex++] = ny;
      array[startIndex++] = Sigma.utils.floatColor(data.color);
      array[startIndex++] = edgeIndex;
    }

    setUniforms(params, context) {
      var gl = context.gl;
      var at = context.uniformLocations;
      gl.uniformMatrix3fv(at.u_matrix, false, params.matrix);
      gl.uniform1f(at.u_zoomRatio, params.zoomRatio);
      gl.uniform1f(at.u_sizeRatio, params.sizeRatio);
      gl.uniform1f(at.u_correctionRatio, params.correctionRatio);
      gl.uniform1f(at.u_pixelRatio, params.pixelRatio);
      gl.uniform1f(at.u_feather, params.antiAliasingFeather);
      gl.uniform1f(at.u_minEdgeThickness, params.minEdgeThickness);
      gl.uniform2f(at.u_resolution, params.width, params.height);
    }
  }

  window.MaillageDashedEdgeProgram = DashedEdgeProgram;
})();
