/**
 * About two hundred of the passwords people choose most, in France and elsewhere (from published
 * leak statistics): refused whatever their length. Compared lower-cased, also without the digits
 * and signs added at the end ("Azertyuiop2024!" is "azertyuiop").
 */
export const commonPasswords: ReadonlySet<string> = new Set([
  "123456", "123456789", "12345678", "12345", "1234567", "1234567890", "123123", "111111", "000000", "654321",
  "666666", "121212", "112233", "123321", "987654321", "1234", "11111111", "123456123", "0123456789", "147258369",
  "password", "password1", "password123", "passw0rd", "p@ssw0rd", "motdepasse", "mot2passe", "motdepasse123",
  "monmotdepasse", "azerty", "azerty123", "azertyuiop", "azertyuiop123", "azerty1234", "azertyui", "azer",
  "qwerty", "qwerty123", "qwertyuiop", "qwertz", "wxcvbn", "wxcvbnqsdfg", "qsdfghjklm", "qsdfgh", "aqwzsx",
  "aqwzsxedc", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "abc123", "abcdef", "abcdefgh", "abcd1234",
  "aaaaaa", "azertyqwerty", "soleil", "soleil123", "soleil123456", "doudou", "doudou123", "chouchou", "loulou",
  "loulou123", "nicolas", "marseille", "marseille13", "paris", "paris75", "parisien", "bonjour", "bonjour123",
  "coucou", "coucou123", "salut", "salut123", "jetaime", "jetaime123", "jetaimetoi", "mamour", "moncoeur",
  "mamanpapa", "maman", "papa", "famille", "bebe", "cheval", "chocolat", "chocolat123", "princesse", "doudoune",
  "poulette", "pompier", "football", "footballeur", "olympique", "psg", "allezlom", "om13", "liverpool",
  "chelsea", "arsenal", "barcelona", "realmadrid", "juventus", "france", "france123", "vivelafrance", "toulouse",
  "bordeaux", "lyon", "lille", "nantes", "normandie", "rouen", "elbeuf", "mairie", "citoyen", "espacecitoyen",
  "espacefamille", "ecole", "cantine", "vacances", "vacances2024", "vacances2025", "dragon", "monkey", "letmein",
  "welcome", "welcome1", "bienvenue", "bienvenue1", "iloveyou", "iloveyou1", "sunshine", "princess", "shadow",
  "master", "superman", "batman", "starwars", "pokemon", "naruto", "minecraft", "fortnite", "baseball",
  "hello", "hello123", "freedom", "whatever", "trustno1", "admin", "admin123", "administrateur", "root", "toor",
  "test", "test123", "test1234", "demo", "guest", "user", "utilisateur", "changeme", "secret", "secret123",
  "motdepassesecret", "sesame", "ouvretoi", "computer", "ordinateur", "internet", "google", "facebook",
  "instagram", "orange", "free", "sfr", "bouygues", "wanadoo", "laposte", "ameli", "caf", "impots",
  "charlie", "michel", "camille", "thomas", "julien", "nathalie", "isabelle", "sophie", "marie", "pierre",
  "jeanne", "lucas", "emma", "louise", "gabriel", "leo", "jade", "hugo", "chloe", "manon", "ines", "kevin",
  "jordan", "anthony", "alexandre", "maxime", "antoine", "mathilde", "celine", "stephanie", "sandrine",
  "ninja", "tigrou", "titi", "toto", "tata", "tutu", "minou", "chaton", "chaussette", "fleur", "papillon",
  "licorne", "amour", "amoureux", "bisous", "tresor", "bonheur", "liberte", "nounours", "zidane", "mbappe"
])
