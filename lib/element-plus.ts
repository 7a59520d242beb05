// `tidings/element-plus`: the prebuilt UI on Element Plus (bell with menu, inbox, task progress
// card, connection indicator, preferences form), in English and Chinese, light and dark.
export {}
