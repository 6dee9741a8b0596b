/*
 * Pointage : ajoute à la feuille un bouton « Tout présent » (pointe présents les enfants pas encore
 * pointés) et tient les compteurs à jour à chaque choix, annoncés dans la zone prévue
 * (role="status"). Sans ce script, la feuille fonctionne : chaque enfant se pointe un par un.
 */
(function () {
  "use strict"
  var form = document.querySelector("form[data-pointage]")
  if (form === null) return
  var counter = document.querySelector("[data-compteurs]")
  var lines = Array.prototype.slice.call(form.querySelectorAll("fieldset.rollcall-child"))

  var checked = function (line) {
    var choice = line.querySelector("input[type=radio]:checked")
    return choice === null ? "" : choice.value
  }

  var plural = function (n, one, many) {
    return n + " " + (n > 1 ? many : one)
  }

  var update = function () {
    if (counter === null) return
    var present = 0
    var absent = 0
    lines.forEach(function (line) {
      var value = checked(line)
      if (value === "present") present++
      else if (value === "absent") absent++
    })
    var rest = lines.length - present - absent
    counter.textContent =
      plural(present, "présent", "présents") + ", " + plural(absent, "absent", "absents") + ", " + plural(rest, "enfant à pointer", "enfants à pointer") + "."
  }

  var all = document.createElement("button")
  all.type = "button"
  all.className = "button button-secondary rollcall-all"
  all.textContent = "Tout présent"
  all.addEventListener("click", function () {
    lines.forEach(function (line) {
      if (checked(line) !== "") return
      var present = line.querySelector("input[type=radio][value=present]")
      if (present !== null) present.checked = true
    })
    update()
  })
  var list = form.querySelector(".rollcall-list")
  if (list !== null) list.parentNode.insertBefore(all, list)
  form.addEventListener("change", update)
  update()
})()
