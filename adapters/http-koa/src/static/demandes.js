/*
 * Dernières demandes, en direct : sur la liste et sur la page d'une demande, suit les changements
 * (événements envoyés par le serveur) et met à jour le statut et l'historique sans recharger la
 * page, en l'annonçant dans la zone prévue (role="status"). Sans ce script, les pages restent
 * complètes : il suffit de les recharger.
 */
(function () {
  "use strict"
  if (typeof window.EventSource !== "function") return

  var announcer = document.querySelector("[data-annonces]")
  var announce = function (text) {
    if (announcer === null) return
    announcer.textContent = ""
    window.setTimeout(function () {
      announcer.textContent = text
    }, 50)
  }

  var setBadge = function (container, data) {
    var badge = container.querySelector("[data-statut]")
    if (badge === null || badge.textContent === data.statusLabel) return false
    badge.textContent = data.statusLabel
    badge.className = "request-badge request-badge-" + data.status
    return true
  }

  var text = function (tag, className, content) {
    var element = document.createElement(tag)
    if (className) element.className = className
    element.textContent = content
    return element
  }

  var historyItem = function (item) {
    var li = document.createElement("li")
    li.className = "request-event" + (item.fromFamily ? " request-event-family" : "")
    li.setAttribute("data-cle", item.key)
    var meta = document.createElement("p")
    meta.className = "request-event-meta"
    var time = text("time", "", item.when)
    time.setAttribute("datetime", item.at)
    meta.appendChild(time)
    meta.appendChild(document.createTextNode(" – " + item.who))
    li.appendChild(meta)
    var title = text("p", "request-event-title", item.title)
    if (item.statusLabel) {
      title.appendChild(document.createTextNode(" "))
      title.appendChild(text("span", "request-event-status", "(statut : " + item.statusLabel + ")"))
    }
    li.appendChild(title)
    if (item.text) li.appendChild(text("p", "request-text", item.text))
    return li
  }

  var follow = function (url, onEvent, name) {
    var source = new window.EventSource(url)
    source.addEventListener(name, function (event) {
      try {
        onEvent(JSON.parse(event.data))
      } catch (ignored) {
        /* an unreadable event changes nothing on the page */
      }
    })
    source.addEventListener("fin", function () {
      source.close()
    })
    window.addEventListener("pagehide", function () {
      source.close()
    })
  }

  var page = document.querySelector(".request-page[data-evenements]")
  if (page !== null) {
    var historyList = page.querySelector("[data-historique]")
    var shown = { canAnswer: page.querySelector('[data-action="complement"]') !== null, canWrite: page.querySelector('[data-action="message"]') !== null, canCancel: page.querySelector('[data-action="annulation"]') !== null }
    follow(
      page.getAttribute("data-evenements"),
      function (data) {
        var changed = setBadge(page, data)
        var added = 0
        if (historyList !== null) {
          ;(data.items || []).forEach(function (item) {
            if (historyList.querySelector('[data-cle="' + item.key + '"]') !== null) return
            historyList.appendChild(historyItem(item))
            added += 1
          })
        }
        var messages = []
        if (changed) messages.push("Votre demande est maintenant : " + data.statusLabel.toLowerCase() + ".")
        if (added > 0) messages.push(added === 1 ? "Un nouvel élément a été ajouté à l'historique." : added + " nouveaux éléments ont été ajoutés à l'historique.")
        if (data.canAnswer !== shown.canAnswer || data.canWrite !== shown.canWrite || data.canCancel !== shown.canCancel) {
          messages.push("Les actions possibles ont changé : rechargez la page pour les voir.")
        }
        if (messages.length > 0) announce(messages.join(" "))
      },
      "statut"
    )
    return
  }

  var list = document.querySelector(".request-list[data-evenements]")
  if (list !== null) {
    follow(
      list.getAttribute("data-evenements"),
      function (data) {
        var messages = []
        ;(data.requests || []).forEach(function (request) {
          var item = null
          var items = list.querySelectorAll("[data-demande]")
          for (var i = 0; i < items.length; i += 1) {
            if (items[i].getAttribute("data-demande") === request.requestId) item = items[i]
          }
          if (item === null) messages.push("Une nouvelle demande « " + request.kindLabel + " » a été ajoutée : rechargez la page pour la voir.")
          else if (setBadge(item, request)) messages.push("La demande « " + request.kindLabel + " » est maintenant : " + request.statusLabel.toLowerCase() + ".")
        })
        if (messages.length > 0) announce(messages.join(" "))
      },
      "demandes"
    )
  }
})()
