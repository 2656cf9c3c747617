/* A dashed edge program for sigma.js: informal ties are drawn dashed, formal ones solid.
 *
 * sigma's WebGL edges have no dash pattern, so this program extends its rectangle edge program:
 * the vertex shader passes each fragment's distance from the edge's start, in screen pixels, and the
 * fragment shader leaves the gaps empty. Dashes keep the same length on screen at every zoom level.
 */
(function () {
  "use strict";
  if (typeof Sigma === "undefined" || !Sigma.rendering) return;
  var Base = Sigma.rendering.EdgeRectangleProgram;
  var DASH = "9.0";  // dash period in CSS pixels
  var GAP_FROM = "5.5";  // gap from this point of the period

  function insertAfter(source, marker, text) {
    var at = source.indexOf(marker);
    if (at < 0) throw new Error("sigma shader changed: " + marker);
    return source.slice(0, at + marker.length) + text + source.slice(at + marker.length);
  }

  function vertexShader(source) {
    source = insertAfter(source, "varying float v_feather;\n", "varying float v_along;\nuniform vec2 u_resolution;\n");
    var end = source.lastIndexOf("}");
    return source.slice(0, end) +
      "  vec2 clipStart = (u_matrix * vec3(a_positionStart, 1)).xy;\n" +
      "  vec2 clipEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;\n" +
      "  v_along = a_positionCoef * length((clipEnd - clipStart) * u_resolution * 0.5);\n" +
      source.slice(end);
  }

  function fragmentShader(source) {
    source = insertAfter(source, "varying float v_feather;\n", "varying float v_along;\n");
    return insertAfter(source, "#else\n", "  if (mod(v_along, " + DASH + ") > " + GAP_FROM + ") discard;\n");
  }

  class DashedEdgeProgram extends Base {
    getDefinition() {
      var definition = super.getDefinition();
      return Object.assign({}, definition, {
        VERTEX_SHADER_SOURCE: vertexShader(definition.VERTEX_SHADER_SOURCE),
        FRAGMENT_SHADER_SOURCE: fragmentShader(definition.FRAGMENT_SHADER_SOURCE),
        UNIFORMS: definition.UNIFORMS.concat(["u_resolution"]),
      });
    }

    setUniforms(params, context) {
      super.setUniforms(params, context);
      context.gl.uniform2f(context.uniformLocations.u_resolution, params.width, params.height);
    }
  }

  window.MaillageDashedEdgeProgram = DashedEdgeProgram;
})();
