/*
 * Gérer mes réservations : ajoute au-dessus du calendrier un raccourci « Cocher pour tout le mois »
 * (une activité, un jour de la semaine : par exemple tous les mercredis matin) qui coche les cases
 * « Réserver » correspondantes, et annonce combien ont été cochées (role="status"). Sans ce script,
 * le calendrier fonctionne : chaque séance se coche une à une.
 */
(function () {
  "use strict"
  var form = document.querySelector("form[data-reservations]")
  if (form === null) return
  var table = form.querySelector("table")
  if (table === null) return
  var days = ["", "lundis", "mardis", "mercredis", "jeudis", "vendredis"]
  var items = Array.prototype.slice.call(form.querySelectorAll("li[data-activity]")).filter(function (item) {
    return item.querySelector('input[type=checkbox][value="reserver"]') !== null
  })
  if (items.length === 0) return

  var activities = []
  var weekdays = []
  items.forEach(function (item) {
    var activity = item.getAttribute("data-activity")
    var weekday = item.getAttribute("data-weekday")
    if (activities.indexOf(activity) < 0) activities.push(activity)
    if (weekdays.indexOf(weekday) < 0) weekdays.push(weekday)
  })
  weekdays.sort()

  var option = function (select, value, label) {
    var element = document.createElement("option")
    element.value = value
    element.textContent = label
    select.appendChild(element)
  }

  var field = function (id, label, select) {
    var wrapper = document.createElement("div")
    wrapper.className = "field"
    var text = document.createElement("label")
    text.htmlFor = id
    text.textContent = label
    select.id = id
    wrapper.appendChild(text)
    wrapper.appendChild(select)
    return wrapper
  }

  var box = document.createElement("fieldset")
  box.className = "month-shortcut"
  var legend = document.createElement("legend")
  legend.textContent = "Cocher pour tout le mois"
  box.appendChild(legend)

  var activitySelect = document.createElement("select")
  activities.forEach(function (activity) {
    option(activitySelect, activity, activity)
  })
  var weekdaySelect = document.createElement("select")
  option(weekdaySelect, "", "Tous les jours")
  weekdays.forEach(function (weekday) {
    option(weekdaySelect, weekday, "Les " + days[Number(weekday)])
  })
  box.appendChild(field("raccourci-activite", "Activité", activitySelect))
  box.appendChild(field("raccourci-jour", "Jours", weekdaySelect))

  var button = document.createElement("button")
  button.type = "button"
  button.className = "button button-secondary"
  button.textContent = "Cocher ces séances"
  box.appendChild(button)

  var status = document.createElement("p")
  status.setAttribute("role", "status")
  status.className = "hint"
  box.appendChild(status)

  button.addEventListener("click", function () {
    var count = 0
    items.forEach(function (item) {
      if (item.getAttribute("data-activity") !== activitySelect.value) return
      if (weekdaySelect.value !== "" && item.getAttribute("data-weekday") !== weekdaySelect.value) return
      var input = item.querySelector('input[type=checkbox][value="reserver"]')
      if (input !== null && !input.checked) {
        input.checked = true
        count++
      }
    })
    status.textContent =
      count === 0 ? "Aucune autre séance à cocher." : count + (count > 1 ? " séances cochées" : " séance cochée") + " : enregistrez vos choix pour les réserver."
  })

  table.parentNode.insertBefore(box, table)
})()
