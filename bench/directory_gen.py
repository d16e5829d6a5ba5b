"""A seeded synthetic worldwide meeting directory for the finder benchmark (bench/directory_bench.py).

Writes N meetings (default 500,000) into the configured database (SQLITE_PATH / DATABASE_URL) under the
Source "bench-world", replacing any earlier bench rows, and/or writes a Meeting Guide JSON feed (--json).

The spread imitates real AA/NA listings: ~60% North America, ~20% Europe, the rest Latin America,
Oceania, Asia and Africa, around ~150 real city centres (each with its IANA zone), jittered by a few km to
tens of km; ~15% online-only (a conference URL and no coordinates), ~5% approximate (an online meeting
placed at a city centre), ~10% hybrid; more evening meetings, some early mornings, some that end after
midnight; 60/90-minute durations; mostly AA and NA with the other programs' own type codes.

Run:  SQLITE_PATH=var/bench-directory.sqlite3 .venv/bin/python bench/directory_gen.py --count 500000
      .venv/bin/python bench/directory_gen.py --count 50000 --no-db --json var/bench-feed.json
"""

import argparse
import json
import math
import os
import random
import sys
import time as clock
from datetime import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")

SOURCE_SLUG = "bench-world"

# (city, country, region/state, lat, lon, IANA zone, weight, local language)
# Weights are rough shares of listed meetings; the continent totals are ~60/20/8/5/4/3 %.
CITIES = [
    # ---- North America: United States ----
    ("New York", "USA", "NY", 40.7128, -74.0060, "America/New_York", 9.0, "en"),
    ("Los Angeles", "USA", "CA", 34.0522, -118.2437, "America/Los_Angeles", 8.0, "en"),
    ("Chicago", "USA", "IL", 41.8781, -87.6298, "America/Chicago", 6.0, "en"),
    ("Houston", "USA", "TX", 29.7604, -95.3698, "America/Chicago", 4.0, "en"),
    ("Phoenix", "USA", "AZ", 33.4484, -112.0740, "America/Phoenix", 3.0, "en"),
    ("Philadelphia", "USA", "PA", 39.9526, -75.1652, "America/New_York", 4.0, "en"),
    ("San Antonio", "USA", "TX", 29.4241, -98.4936, "America/Chicago", 2.0, "en"),
    ("San Diego", "USA", "CA", 32.7157, -117.1611, "America/Los_Angeles", 3.0, "en"),
    ("Dallas", "USA", "TX", 32.7767, -96.7970, "America/Chicago", 3.5, "en"),
    ("Fort Worth", "USA", "TX", 32.7555, -97.3308, "America/Chicago", 1.5, "en"),
    ("Austin", "USA", "TX", 30.2672, -97.7431, "America/Chicago", 2.0, "en"),
    ("San Jose", "USA", "CA", 37.3382, -121.8863, "America/Los_Angeles", 1.5, "en"),
    ("San Francisco", "USA", "CA", 37.7749, -122.4194, "America/Los_Angeles", 3.0, "en"),
    ("Oakland", "USA", "CA", 37.8044, -122.2712, "America/Los_Angeles", 1.5, "en"),
    ("Sacramento", "USA", "CA", 38.5816, -121.4944, "America/Los_Angeles", 1.5, "en"),
    ("Seattle", "USA", "WA", 47.6062, -122.3321, "America/Los_Angeles", 3.0, "en"),
    ("Portland", "USA", "OR", 45.5152, -122.6784, "America/Los_Angeles", 2.0, "en"),
    ("Denver", "USA", "CO", 39.7392, -104.9903, "America/Denver", 2.5, "en"),
    ("Salt Lake City", "USA", "UT", 40.7608, -111.8910, "America/Denver", 1.0, "en"),
    ("Albuquerque", "USA", "NM", 35.0844, -106.6504, "America/Denver", 1.0, "en"),
    ("Las Vegas", "USA", "NV", 36.1699, -115.1398, "America/Los_Angeles", 1.5, "en"),
    ("Boise", "USA", "ID", 43.6150, -116.2023, "America/Boise", 0.7, "en"),
    ("Boston", "USA", "MA", 42.3601, -71.0589, "America/New_York", 3.5, "en"),
    ("Hartford", "USA", "CT", 41.7658, -72.6734, "America/New_York", 1.5, "en"),
    ("Providence", "USA", "RI", 41.8240, -71.4128, "America/New_York", 1.0, "en"),
    ("Burlington", "USA", "VT", 44.4759, -73.2121, "America/New_York", 0.5, "en"),
    ("Manchester", "USA", "NH", 42.9956, -71.4548, "America/New_York", 0.8, "en"),
    ("Portland ME", "USA", "ME", 43.6591, -70.2568, "America/New_York", 0.5, "en"),
    ("Buffalo", "USA", "NY", 42.8864, -78.8784, "America/New_York", 0.8, "en"),
    ("Pittsburgh", "USA", "PA", 40.4406, -79.9959, "America/New_York", 1.5, "en"),
    ("Baltimore", "USA", "MD", 39.2904, -76.6122, "America/New_York", 1.5, "en"),
    ("Washington", "USA", "DC", 38.9072, -77.0369, "America/New_York", 2.5, "en"),
    ("Richmond", "USA", "VA", 37.5407, -77.4360, "America/New_York", 1.0, "en"),
    ("Charlotte", "USA", "NC", 35.2271, -80.8431, "America/New_York", 1.5, "en"),
    ("Raleigh", "USA", "NC", 35.7796, -78.6382, "America/New_York", 1.0, "en"),
    ("Atlanta", "USA", "GA", 33.7490, -84.3880, "America/New_York", 3.0, "en"),
    ("Miami", "USA", "FL", 25.7617, -80.1918, "America/New_York", 3.0, "en"),
    ("Orlando", "USA", "FL", 28.5383, -81.3792, "America/New_York", 1.5, "en"),
    ("Tampa", "USA", "FL", 27.9506, -82.4572, "America/New_York", 1.5, "en"),
    ("Jacksonville", "USA", "FL", 30.3322, -81.6557, "America/New_York", 1.0, "en"),
    ("Nashville", "USA", "TN", 36.1627, -86.7816, "America/Chicago", 1.2, "en"),
    ("Memphis", "USA", "TN", 35.1495, -90.0490, "America/Chicago", 0.8, "en"),
    ("New Orleans", "USA", "LA", 29.9511, -90.0715, "America/Chicago", 1.0, "en"),
    ("Birmingham AL", "USA", "AL", 33.5186, -86.8104, "America/Chicago", 0.7, "en"),
    ("Louisville", "USA", "KY", 38.2527, -85.7585, "America/Kentucky/Louisville", 0.8, "en"),
    ("Indianapolis", "USA", "IN", 39.7684, -86.1581, "America/Indiana/Indianapolis", 1.2, "en"),
    ("Columbus", "USA", "OH", 39.9612, -82.9988, "America/New_York", 1.2, "en"),
    ("Cleveland", "USA", "OH", 41.4993, -81.6944, "America/New_York", 1.2, "en"),
    ("Cincinnati", "USA", "OH", 39.1031, -84.5120, "America/New_York", 1.0, "en"),
    ("Detroit", "USA", "MI", 42.3314, -83.0458, "America/Detroit", 2.0, "en"),
    ("Grand Rapids", "USA", "MI", 42.9634, -85.6681, "America/Detroit", 0.6, "en"),
    ("Milwaukee", "USA", "WI", 43.0389, -87.9065, "America/Chicago", 1.0, "en"),
    ("Minneapolis", "USA", "MN", 44.9778, -93.2650, "America/Chicago", 2.0, "en"),
    ("St. Louis", "USA", "MO", 38.6270, -90.1994, "America/Chicago", 1.2, "en"),
    ("Kansas City", "USA", "MO", 39.0997, -94.5786, "America/Chicago", 1.0, "en"),
    ("Omaha", "USA", "NE", 41.2565, -95.9345, "America/Chicago", 0.6, "en"),
    ("Oklahoma City", "USA", "OK", 35.4676, -97.5164, "America/Chicago", 0.7, "en"),
    ("Tulsa", "USA", "OK", 36.1540, -95.9928, "America/Chicago", 0.5, "en"),
    ("El Paso", "USA", "TX", 31.7619, -106.4850, "America/Denver", 0.6, "en"),
    ("Tucson", "USA", "AZ", 32.2226, -110.9747, "America/Phoenix", 0.8, "en"),
    ("Anchorage", "USA", "AK", 61.2181, -149.9003, "America/Anchorage", 0.4, "en"),
    ("Honolulu", "USA", "HI", 21.3069, -157.8583, "Pacific/Honolulu", 0.5, "en"),
    ("Fargo", "USA", "ND", 46.8772, -96.7898, "America/Chicago", 0.3, "en"),
    ("Sioux Falls", "USA", "SD", 43.5446, -96.7311, "America/Chicago", 0.3, "en"),
    ("Billings", "USA", "MT", 45.7833, -108.5007, "America/Denver", 0.3, "en"),
    # ---- North America: Canada ----
    ("Toronto", "Canada", "ON", 43.6532, -79.3832, "America/Toronto", 2.5, "en"),
    ("Montreal", "Canada", "QC", 45.5017, -73.5673, "America/Toronto", 1.5, "fr"),
    ("Vancouver", "Canada", "BC", 49.2827, -123.1207, "America/Vancouver", 1.5, "en"),
    ("Calgary", "Canada", "AB", 51.0447, -114.0719, "America/Edmonton", 0.8, "en"),
    ("Edmonton", "Canada", "AB", 53.5461, -113.4938, "America/Edmonton", 0.7, "en"),
    ("Winnipeg", "Canada", "MB", 49.8951, -97.1384, "America/Winnipeg", 0.6, "en"),
    ("Ottawa", "Canada", "ON", 45.4215, -75.6972, "America/Toronto", 0.7, "en"),
    ("Halifax", "Canada", "NS", 44.6488, -63.5752, "America/Halifax", 0.4, "en"),
    ("St. John's", "Canada", "NL", 47.5615, -52.7126, "America/St_Johns", 0.2, "en"),
    ("Regina", "Canada", "SK", 50.4452, -104.6189, "America/Regina", 0.3, "en"),
    # ---- North America: Mexico ----
    ("Mexico City", "Mexico", "CDMX", 19.4326, -99.1332, "America/Mexico_City", 2.0, "es"),
    ("Guadalajara", "Mexico", "JAL", 20.6597, -103.3496, "America/Mexico_City", 0.8, "es"),
    ("Monterrey", "Mexico", "NL", 25.6866, -100.3161, "America/Monterrey", 0.7, "es"),
    ("Tijuana", "Mexico", "BC", 32.5149, -117.0382, "America/Tijuana", 0.5, "es"),
    # ---- Europe ----
    ("London", "United Kingdom", "England", 51.5074, -0.1278, "Europe/London", 2.5, "en"),
    ("Manchester UK", "United Kingdom", "England", 53.4808, -2.2426, "Europe/London", 0.8, "en"),
    ("Birmingham UK", "United Kingdom", "England", 52.4862, -1.8904, "Europe/London", 0.7, "en"),
    ("Glasgow", "United Kingdom", "Scotland", 55.8642, -4.2518, "Europe/London", 0.6, "en"),
    ("Edinburgh", "United Kingdom", "Scotland", 55.9533, -3.1883, "Europe/London", 0.5, "en"),
    ("Dublin", "Ireland", "Leinster", 53.3498, -6.2603, "Europe/Dublin", 0.9, "en"),
    ("Cork", "Ireland", "Munster", 51.8985, -8.4756, "Europe/Dublin", 0.3, "en"),
    ("Paris", "France", "Île-de-France", 48.8566, 2.3522, "Europe/Paris", 0.9, "fr"),
    ("Lyon", "France", "Auvergne-Rhône-Alpes", 45.7640, 4.8357, "Europe/Paris", 0.3, "fr"),
    ("Berlin", "Germany", "Berlin", 52.5200, 13.4050, "Europe/Berlin", 0.8, "de"),
    ("Hamburg", "Germany", "Hamburg", 53.5511, 9.9937, "Europe/Berlin", 0.4, "de"),
    ("Munich", "Germany", "Bayern", 48.1351, 11.5820, "Europe/Berlin", 0.4, "de"),
    ("Cologne", "Germany", "NRW", 50.9375, 6.9603, "Europe/Berlin", 0.3, "de"),
    ("Vienna", "Austria", "Wien", 48.2082, 16.3738, "Europe/Vienna", 0.3, "de"),
    ("Zurich", "Switzerland", "ZH", 47.3769, 8.5417, "Europe/Zurich", 0.3, "de"),
    ("Amsterdam", "Netherlands", "NH", 52.3676, 4.9041, "Europe/Amsterdam", 0.4, "nl"),
    ("Brussels", "Belgium", "Brussels", 50.8503, 4.3517, "Europe/Brussels", 0.3, "fr"),
    ("Madrid", "Spain", "Madrid", 40.4168, -3.7038, "Europe/Madrid", 0.6, "es"),
    ("Barcelona", "Spain", "Catalunya", 41.3874, 2.1686, "Europe/Madrid", 0.5, "es"),
    ("Lisbon", "Portugal", "Lisboa", 38.7223, -9.1393, "Europe/Lisbon", 0.3, "pt"),
    ("Rome", "Italy", "Lazio", 41.9028, 12.4964, "Europe/Rome", 0.4, "it"),
    ("Milan", "Italy", "Lombardia", 45.4642, 9.1900, "Europe/Rome", 0.3, "it"),
    ("Stockholm", "Sweden", "Stockholm", 59.3293, 18.0686, "Europe/Stockholm", 0.4, "sv"),
    ("Oslo", "Norway", "Oslo", 59.9139, 10.7522, "Europe/Oslo", 0.3, "no"),
    ("Copenhagen", "Denmark", "Hovedstaden", 55.6761, 12.5683, "Europe/Copenhagen", 0.3, "da"),
    ("Helsinki", "Finland", "Uusimaa", 60.1699, 24.9384, "Europe/Helsinki", 0.4, "fi"),
    ("Reykjavik", "Iceland", "Capital", 64.1466, -21.9426, "Atlantic/Reykjavik", 0.2, "is"),
    ("Warsaw", "Poland", "Mazowieckie", 52.2297, 21.0122, "Europe/Warsaw", 0.6, "pl"),
    ("Krakow", "Poland", "Małopolskie", 50.0647, 19.9450, "Europe/Warsaw", 0.3, "pl"),
    ("Prague", "Czechia", "Praha", 50.0755, 14.4378, "Europe/Prague", 0.2, "cs"),
    ("Budapest", "Hungary", "Budapest", 47.4979, 19.0402, "Europe/Budapest", 0.2, "hu"),
    ("Kyiv", "Ukraine", "Kyiv", 50.4501, 30.5234, "Europe/Kyiv", 0.3, "uk"),
    ("Moscow", "Russia", "Moscow", 55.7558, 37.6173, "Europe/Moscow", 0.7, "ru"),
    ("Saint Petersburg", "Russia", "SPb", 59.9311, 30.3609, "Europe/Moscow", 0.3, "ru"),
    ("Athens", "Greece", "Attica", 37.9838, 23.7275, "Europe/Athens", 0.2, "el"),
    ("Istanbul", "Turkey", "Istanbul", 41.0082, 28.9784, "Europe/Istanbul", 0.2, "tr"),
    ("Bucharest", "Romania", "Bucharest", 44.4268, 26.1025, "Europe/Bucharest", 0.2, "ro"),
    ("Vilnius", "Lithuania", "Vilnius", 54.6872, 25.2797, "Europe/Vilnius", 0.2, "lt"),
    # ---- Latin America ----
    ("São Paulo", "Brazil", "SP", -23.5505, -46.6333, "America/Sao_Paulo", 1.5, "pt"),
    ("Rio de Janeiro", "Brazil", "RJ", -22.9068, -43.1729, "America/Sao_Paulo", 0.8, "pt"),
    ("Belo Horizonte", "Brazil", "MG", -19.9167, -43.9345, "America/Sao_Paulo", 0.4, "pt"),
    ("Manaus", "Brazil", "AM", -3.1190, -60.0217, "America/Manaus", 0.2, "pt"),
    ("Buenos Aires", "Argentina", "CABA", -34.6037, -58.3816, "America/Argentina/Buenos_Aires", 0.9, "es"),
    ("Córdoba", "Argentina", "Córdoba", -31.4201, -64.1888, "America/Argentina/Cordoba", 0.3, "es"),
    ("Santiago", "Chile", "RM", -33.4489, -70.6693, "America/Santiago", 0.5, "es"),
    ("Lima", "Peru", "Lima", -12.0464, -77.0428, "America/Lima", 0.5, "es"),
    ("Bogotá", "Colombia", "DC", 4.7110, -74.0721, "America/Bogota", 0.6, "es"),
    ("Medellín", "Colombia", "Antioquia", 6.2442, -75.5812, "America/Bogota", 0.3, "es"),
    ("Caracas", "Venezuela", "DC", 10.4806, -66.9036, "America/Caracas", 0.3, "es"),
    ("Quito", "Ecuador", "Pichincha", -0.1807, -78.4678, "America/Guayaquil", 0.2, "es"),
    ("Montevideo", "Uruguay", "Montevideo", -34.9011, -56.1645, "America/Montevideo", 0.2, "es"),
    ("Guatemala City", "Guatemala", "Guatemala", 14.6349, -90.5069, "America/Guatemala", 0.3, "es"),
    ("San José CR", "Costa Rica", "San José", 9.9281, -84.0907, "America/Costa_Rica", 0.2, "es"),
    ("San Juan", "Puerto Rico", "PR", 18.4655, -66.1057, "America/Puerto_Rico", 0.4, "es"),
    ("Santo Domingo", "Dominican Republic", "DN", 18.4861, -69.9312, "America/Santo_Domingo", 0.2, "es"),
    ("Havana", "Cuba", "La Habana", 23.1136, -82.3666, "America/Havana", 0.1, "es"),
    # ---- Oceania ----
    ("Sydney", "Australia", "NSW", -33.8688, 151.2093, "Australia/Sydney", 1.5, "en"),
    ("Melbourne", "Australia", "VIC", -37.8136, 144.9631, "Australia/Melbourne", 1.3, "en"),
    ("Brisbane", "Australia", "QLD", -27.4698, 153.0251, "Australia/Brisbane", 0.6, "en"),
    ("Perth", "Australia", "WA", -31.9505, 115.8605, "Australia/Perth", 0.5, "en"),
    ("Adelaide", "Australia", "SA", -34.9285, 138.6007, "Australia/Adelaide", 0.4, "en"),
    ("Hobart", "Australia", "TAS", -42.8821, 147.3272, "Australia/Hobart", 0.1, "en"),
    ("Darwin", "Australia", "NT", -12.4634, 130.8456, "Australia/Darwin", 0.1, "en"),
    ("Auckland", "New Zealand", "Auckland", -36.8485, 174.7633, "Pacific/Auckland", 0.5, "en"),
    ("Wellington", "New Zealand", "Wellington", -41.2865, 174.7762, "Pacific/Auckland", 0.2, "en"),
    ("Christchurch", "New Zealand", "Canterbury", -43.5321, 172.6362, "Pacific/Auckland", 0.2, "en"),
    # ---- Asia ----
    ("Tokyo", "Japan", "Tokyo", 35.6762, 139.6503, "Asia/Tokyo", 0.4, "ja"),
    ("Seoul", "South Korea", "Seoul", 37.5665, 126.9780, "Asia/Seoul", 0.3, "ko"),
    ("Manila", "Philippines", "NCR", 14.5995, 120.9842, "Asia/Manila", 0.4, "tl"),
    ("Mumbai", "India", "Maharashtra", 19.0760, 72.8777, "Asia/Kolkata", 0.5, "hi"),
    ("Delhi", "India", "Delhi", 28.7041, 77.1025, "Asia/Kolkata", 0.4, "hi"),
    ("Bengaluru", "India", "Karnataka", 12.9716, 77.5946, "Asia/Kolkata", 0.3, "en"),
    ("Kathmandu", "Nepal", "Bagmati", 27.7172, 85.3240, "Asia/Kathmandu", 0.1, "ne"),
    ("Tehran", "Iran", "Tehran", 35.6892, 51.3890, "Asia/Tehran", 0.4, "fa"),
    ("Tel Aviv", "Israel", "Tel Aviv", 32.0853, 34.7818, "Asia/Jerusalem", 0.2, "he"),
    ("Dubai", "United Arab Emirates", "Dubai", 25.2048, 55.2708, "Asia/Dubai", 0.1, "en"),
    ("Bangkok", "Thailand", "Bangkok", 13.7563, 100.5018, "Asia/Bangkok", 0.1, "th"),
    ("Singapore", "Singapore", "Singapore", 1.3521, 103.8198, "Asia/Singapore", 0.1, "en"),
    ("Hong Kong", "Hong Kong", "HK", 22.3193, 114.1694, "Asia/Hong_Kong", 0.1, "en"),
    ("Jakarta", "Indonesia", "Jakarta", -6.2088, 106.8456, "Asia/Jakarta", 0.1, "id"),
    ("Almaty", "Kazakhstan", "Almaty", 43.2220, 76.8512, "Asia/Almaty", 0.1, "ru"),
    # ---- Africa ----
    ("Johannesburg", "South Africa", "Gauteng", -26.2041, 28.0473, "Africa/Johannesburg", 0.8, "en"),
    ("Cape Town", "South Africa", "Western Cape", -33.9249, 18.4241, "Africa/Johannesburg", 0.6, "en"),
    ("Durban", "South Africa", "KZN", -29.8587, 31.0218, "Africa/Johannesburg", 0.3, "en"),
    ("Nairobi", "Kenya", "Nairobi", -1.2921, 36.8219, "Africa/Nairobi", 0.4, "en"),
    ("Lagos", "Nigeria", "Lagos", 6.5244, 3.3792, "Africa/Lagos", 0.3, "en"),
    ("Accra", "Ghana", "Greater Accra", 5.6037, -0.1870, "Africa/Accra", 0.1, "en"),
    ("Cairo", "Egypt", "Cairo", 30.0444, 31.2357, "Africa/Cairo", 0.2, "ar"),
    ("Casablanca", "Morocco", "Casablanca-Settat", 33.5731, -7.5898, "Africa/Casablanca", 0.1, "fr"),
    ("Kampala", "Uganda", "Central", 0.3476, 32.5825, "Africa/Kampala", 0.1, "en"),
]

PROGRAM_WEIGHTS = [
    ("aa", 55),
    ("na", 25),
    ("al-anon", 6),
    ("ca", 2),
    ("smart", 3),
    ("celebrate-recovery", 3),
    ("wfs", 1),
    ("recovery-dharma", 2),
    ("lifering", 1),
    ("eda", 1),
    ("peer-led", 1),
]
# Type codes with their chance of being on a meeting of that program.
AA_TYPES = [
    ("D", 0.45),
    ("SP", 0.2),
    ("B", 0.12),
    ("ST", 0.15),
    ("BE", 0.08),
    ("W", 0.05),
    ("M", 0.06),
    ("LGBTQ", 0.03),
    ("Y", 0.03),
    ("X", 0.3),
]
NA_TYPES = [("BEG", 0.15), ("JFT", 0.2), ("BT", 0.15), ("DISC", 0.45), ("SPK", 0.15)]

ADJECTIVES = [
    "Serenity",
    "Hope",
    "Freedom",
    "Sunrise",
    "Sunset",
    "Happy",
    "Joyful",
    "Early",
    "Late",
    "New",
    "Courage",
    "Grateful",
    "Gratitude",
    "Daily",
    "Noon",
    "Midnight",
    "Morning",
    "Evening",
    "Friendly",
    "Open",
    "Simple",
    "Spiritual",
    "Faith",
    "Unity",
    "Recovery",
    "Living",
    "Peaceful",
    "Candlelight",
    "Lakeside",
    "Downtown",
    "Uptown",
    "Westside",
    "Eastside",
    "Harbor",
    "Valley",
]
NOUNS = [
    "Group",
    "Fellowship",
    "Meeting",
    "Circle",
    "Gathering",
    "Step Study",
    "Big Book",
    "Discussion",
    "Speakers",
    "Brunch",
    "Coffee",
    "Miracles",
    "Promises",
    "Way",
    "Path",
    "Road",
    "Journey",
    "Solution",
    "Club",
    "Women",
    "Men",
    "Beginners",
    "Newcomers",
    "Home Group",
    "Traditions",
]
STREETS = [
    "Main",
    "Oak",
    "Maple",
    "Church",
    "Park",
    "Elm",
    "Pine",
    "Cedar",
    "High",
    "Market",
    "Union",
    "Washington",
    "Lincoln",
    "Broadway",
    "King",
    "Queen",
    "Mill",
    "River",
    "Lake",
    "Hill",
]
SUFFIXES = ["St", "Ave", "Rd", "Blvd", "Way", "Lane"]
PLACES = [
    "St. Mark's Church",
    "Community Center",
    "Unitarian Church",
    "Alano Club",
    "Public Library",
    "First Baptist Church",
    "Methodist Church",
    "Hospital",
    "Recovery Center",
    "YMCA",
    "Town Hall",
    "Parish Hall",
    "Senior Center",
    "Lutheran Church",
    "Club House",
]
PROVIDERS = [
    "https://zoom.us/j/{n}",
    "https://us02web.zoom.us/j/{n}",
    "https://meet.google.com/abc-{n}",
    "https://teams.microsoft.com/l/meetup-join/{n}",
    "https://meet.jit.si/peer{n}",
]


def _start_time(rng: random.Random) -> time:
    """Local start: mostly evenings, a noon peak, early mornings, some late nights."""
    bucket = rng.random()
    if bucket < 0.10:
        hour = rng.choice([6, 6, 7, 7, 7, 8])
    elif bucket < 0.18:
        hour = rng.choice([9, 10, 10, 11])
    elif bucket < 0.32:
        hour = rng.choice([12, 12, 12, 13])
    elif bucket < 0.40:
        hour = rng.choice([14, 15, 16, 17])
    elif bucket < 0.92:
        hour = rng.choice([17, 18, 18, 19, 19, 19, 19, 20, 20])
    elif bucket < 0.98:
        hour = rng.choice([21, 21, 22, 22, 23])
    else:
        hour = rng.choice([0, 5])
    minute = rng.choices([0, 30, 15, 45], weights=[60, 30, 5, 5])[0]
    return time(hour, minute)


def _jitter(rng: random.Random, lat: float, lon: float) -> tuple[float, float]:
    # Most meetings within ~15 km of the centre, a tail out to ~60 km (suburbs and towns).
    km = abs(rng.gauss(0, 8)) if rng.random() < 0.8 else rng.uniform(5, 60)
    bearing = rng.uniform(0, 2 * math.pi)
    dlat = km * math.cos(bearing) / 111.2
    dlon = km * math.sin(bearing) / (111.2 * max(0.2, math.cos(math.radians(lat))))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def generate(count: int, seed: int, other_codes: dict[str, list[str]]):
    """Yield one dict per meeting: Meeting field values (program as a slug)."""
    rng = random.Random(seed)
    weights = [c[6] for c in CITIES]
    programs = [p for p, _ in PROGRAM_WEIGHTS]
    program_weights = [w for _, w in PROGRAM_WEIGHTS]
    city_choices = rng.choices(range(len(CITIES)), weights=weights, k=count)
    for index in range(count):
        city, country, region, clat, clon, zone, _w, lang = CITIES[city_choices[index]]
        program = rng.choices(programs, weights=program_weights)[0]
        roll = rng.random()
        kind = "online" if roll < 0.15 else "approximate" if roll < 0.20 else "hybrid" if roll < 0.30 else "in_person"
        start = _start_time(rng)
        duration = 60 if rng.random() < 0.7 else 90
        end_time = None
        if rng.random() < 0.35 or start.hour >= 22:
            end_minutes = (start.hour * 60 + start.minute + duration) % 1440
            end_time = time(end_minutes // 60, end_minutes % 60)  # crosses midnight for late starts
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        if rng.random() < 0.3:
            name = f"{city.split(' ')[0]} {name}"
        types: list[str] = []
        languages: list[str] = []
        if program == "aa":
            types.append("O" if rng.random() < 0.55 else "C")
            types += [code for code, chance in AA_TYPES if rng.random() < chance]
            if lang == "es" or rng.random() < 0.04:
                types.append("S")
                languages.append("es")
        elif program == "na":
            types.append("O" if rng.random() < 0.5 else "C")
            types += [code for code, chance in NA_TYPES if rng.random() < chance]
            if lang == "es":
                types.append("ES")
                languages.append("es")
        elif other_codes.get(program):
            codes = other_codes[program]
            types = rng.sample(codes, k=min(len(codes), rng.choice([0, 1, 1, 2])))
        if lang not in ("en", "es") and lang not in languages and rng.random() < 0.8:
            languages.append(lang)
        row = {
            "source_key": f"bw-{seed}-{index}",
            "program": program,
            "name": name,
            "day": rng.randrange(7),
            "time": start,
            "end_time": end_time,
            "duration_minutes": duration,
            "timezone": zone,
            "types": types,
            "languages": languages,
            "region_path": f"|{country}|{region}|{city}|",
            "location_name": "",
            "formatted_address": "",
            "latitude": None,
            "longitude": None,
            "approximate": False,
            "conference_url": "",
            "notes": rng.choice(
                [
                    "",
                    "",
                    "",
                    "Use the side door.",
                    "Fragrance-free, please.",
                    "Literature available.",
                    "Parking behind the building.",
                ]
            ),
        }
        if kind in ("online", "approximate", "hybrid"):
            row["conference_url"] = rng.choice(PROVIDERS).format(n=rng.randrange(10**9, 10**10))
        if kind == "approximate":
            row["latitude"], row["longitude"] = round(clat, 4), round(clon, 4)
            row["approximate"] = True
            row["formatted_address"] = f"{city}, {region}, {country}"
        elif kind in ("in_person", "hybrid"):
            row["latitude"], row["longitude"] = _jitter(rng, clat, clon)
            row["location_name"] = rng.choice(PLACES)
            row["formatted_address"] = (
                f"{rng.randrange(1, 9999)} {rng.choice(STREETS)} {rng.choice(SUFFIXES)}, {city}, "
                f"{region} {rng.randrange(10000, 99999)}, {country}"
            )
        yield row


def meeting_guide_record(row: dict) -> dict:
    """The Meeting Guide JSON shape of one generated row (what a TSML site publishes)."""
    record = {
        "slug": row["source_key"],
        "name": row["name"],
        "day": row["day"],
        "time": row["time"].strftime("%H:%M"),
        "timezone": row["timezone"],
        "types": row["types"],
        "location": row["location_name"],
        "notes": row["notes"],
        "regions": [part for part in row["region_path"].split("|") if part],
        "updated": "2026-07-01 12:00:00",
    }
    if row["end_time"]:
        record["end_time"] = row["end_time"].strftime("%H:%M")
    else:
        record["duration"] = row["duration_minutes"]
    if row["formatted_address"]:
        record["formatted_address"] = row["formatted_address"]
        record["approximate"] = "yes" if row["approximate"] else "no"
    if row["latitude"] is not None:
        record["latitude"], record["longitude"] = row["latitude"], row["longitude"]
    if row["conference_url"]:
        record["conference_url"] = row["conference_url"]
    return record


def other_program_codes() -> dict[str, list[str]]:
    from directory.models import MeetingType

    codes: dict[str, list[str]] = {}
    for program_slug, code, category in MeetingType.objects.values_list("program__slug", "code", "category"):
        if program_slug not in ("aa", "na") and category != "language" and code not in ("TC", "ONL"):
            codes.setdefault(program_slug, []).append(code)
    return {k: sorted(v) for k, v in codes.items()}


def write_db(count: int, seed: int, batch: int = 5000, verbose: bool = True) -> int:
    from django.db import connection, transaction

    from directory.models import Correction, FeedFormat, Meeting, Program, SavedMeeting, Source

    programs = {p.slug: p for p in Program.objects.all()}
    source, _ = Source.objects.get_or_create(
        slug=SOURCE_SLUG, defaults={"name": "Benchmark: synthetic world", "format": FeedFormat.MANUAL}
    )
    started = clock.perf_counter()
    with transaction.atomic():
        old = Meeting.objects.filter(source=source)
        Correction.objects.filter(meeting__source=source).delete()
        SavedMeeting.objects.filter(meeting__source=source).delete()
        deleted = old._raw_delete(old.db)
    if verbose and deleted:
        print(f"deleted {deleted} earlier bench meetings ({clock.perf_counter() - started:.1f} s)", flush=True)
    started = clock.perf_counter()
    written = 0
    pending: list[Meeting] = []
    codes = other_program_codes()

    def flush():
        nonlocal written
        with transaction.atomic():
            Meeting.objects.bulk_create(pending, batch_size=1000 if connection.vendor == "sqlite" else 2000)
        written += len(pending)
        pending.clear()

    for row in generate(count, seed, codes):
        row = {**row, "program": programs[row["program"]]}
        meeting = Meeting(source=source, is_active=True, **row)
        meeting.apply_derived()
        pending.append(meeting)
        if len(pending) >= batch:
            flush()
            if verbose and written % 50000 == 0:
                rate = written / (clock.perf_counter() - started)
                print(f"  {written:>8} written ({rate:,.0f}/s)", flush=True)
    if pending:
        flush()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if verbose:
        elapsed = clock.perf_counter() - started
        print(f"wrote {written} meetings into {connection.vendor} in {elapsed:.1f} s ({written / elapsed:,.0f}/s)")
    return written


def write_json(path: str, count: int, seed: int) -> None:
    import django

    django.setup()
    rows = [meeting_guide_record(r) for r in generate(count, seed, other_program_codes_or_empty())]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(rows, ensure_ascii=False))
    print(f"wrote {len(rows)} Meeting Guide records to {path} ({Path(path).stat().st_size / 1e6:.1f} MB)")


def other_program_codes_or_empty() -> dict:
    try:
        return other_program_codes()
    except Exception:  # no database: the JSON feed only needs AA's codes anyway
        return {}


def aa_only(rows):
    yield from rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", metavar="PATH", help="also write a Meeting Guide JSON feed")
    parser.add_argument("--json-count", type=int, help="meetings in the JSON feed (default: --count)")
    parser.add_argument("--no-db", action="store_true", help="do not write into the database")
    args = parser.parse_args(argv)

    import django

    django.setup()
    if not args.no_db:
        write_db(args.count, args.seed)
    if args.json:
        write_json(args.json, args.json_count or args.count, args.seed)


if __name__ == "__main__":
    main()
