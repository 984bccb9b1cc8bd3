# The weights into the first 32 hidden nodes as 28x28 images, each
# scaled to [-1, 1] by its largest magnitude.  Data: fashion --pictures.
# The colours grow lighter from -1 to 1, so that the sign shows in grey.
unset border
unset tics
unset key
set size ratio -1
set palette defined (-1 '#2b1a5e', -0.5 '#3b528b', 0 '#21918c', 0.5 '#5ec962', 1 '#fde725')
set cbrange [-1:1]
set cbtics 1
set margins 0, 6, 0, 0
plot data.'/fashion-weights.dat' using 1:2:3 with image
