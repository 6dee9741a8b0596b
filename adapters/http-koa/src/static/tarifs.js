/*
 * Grilles tarifaires : l'aperçu des prix se met à jour pendant la saisie. À chaque changement du
 * formulaire (après une courte pause), la page demande l'aperçu au serveur (même calcul que les
 * factures) et remplace la section « Aperçu des prix ». Sans ce script, le bouton
 * « Prévisualiser » donne le même aperçu.
 */
(function () {
  "use strict"
  var form = document.querySelector("form[data-tarifs]")
  var region = document.getElementById("apercu-tarifs")
  if (form === null || region === null || typeof window.fetch !== "function" || typeof window.DOMParser !== "function") return
  var address = form.getAttribute("data-apercu")
  if (address === null) return
  var timer = null
  var latest = 0

  var refresh = function () {
    var params = new URLSearchParams()
    new FormData(form).forEach(function (value, key) {
      if (key !== "_csrf" && key !== "action" && typeof value === "string") params.append(key, value)
    })
    var mine = ++latest
    window
      .fetch(address + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (answer) {
        return answer.text()
      })
      .then(function (html) {
        if (mine !== latest) return
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("apercu-tarifs")
        if (fresh !== null) region.innerHTML = fresh.innerHTML
      })
      .catch(function () {
        var state = region.querySelector("[data-apercu-etat]")
        if (state !== null) state.textContent = "L'aperçu n'a pas pu être mis à jour : choisissez « Prévisualiser »."
      })
  }

  var later = function () {
    if (timer !== null) window.clearTimeout(timer)
    timer = window.setTimeout(refresh, 400)
  }

  form.addEventListener("input", later)
  form.addEventListener("change", later)
})()
