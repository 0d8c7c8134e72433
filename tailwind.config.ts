import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef4ff", 100: "#d9e6ff", 600: "#0b4fc4", 700: "#0b3d91", 800: "#0a2f6e", 900: "#08234f" },
        accent: { 500: "#da251d", 600: "#b91c1c" },
      },
      fontFamily: { sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Arial", "sans-serif"] },
    },
  },
  plugins: [],
} satisfies Config;
